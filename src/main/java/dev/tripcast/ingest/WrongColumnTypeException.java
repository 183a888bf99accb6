package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;

/**
 * A TLC file's column has a type tripcast cannot convert; exit 2.
 */
public final class WrongColumnTypeException extends InvalidInputException {
  private final String path;
  private final String column;
  private final String actual;
  private final String expected;

  public WrongColumnTypeException(String path, String column, String actual, String expected) {
    super(String.format("%s: column %s has type %s, expected %s", path, column, actual, expected), null);
    this.path = path;
    this.column = column;
    this.actual = actual;
    this.expected = expected;
  }

  /** The file. */
  public String path() {
    return path;
  }

  /** The column, as the file names it. */
  public String column() {
    return column;
  }

  /** Its type in the file. */
  public String actual() {
    return actual;
  }

  /** The type (or types) tripcast reads. */
  public String expected() {
    return expected;
  }
}
