package dev.tripcast.tables;

import dev.tripcast.errors.InvalidInputException;

/**
 * An existing Delta table's columns differ from what this tripcast version writes; exit 2.
 */
public final class TableSchemaMismatchException extends InvalidInputException {
  private final String path;
  private final String actual;
  private final String expected;

  public TableSchemaMismatchException(String path, String actual, String expected) {
    super(String.format(
        "Delta table %s has columns [%s] but this tripcast writes [%s]: point paths.warehouse-root at a new "
            + "folder or migrate the table", path, actual, expected), null);
    this.path = path;
    this.actual = actual;
    this.expected = expected;
  }

  /** The table's location. */
  public String path() {
    return path;
  }

  /** Its columns, "name type, …". */
  public String actual() {
    return actual;
  }

  /** The columns this tripcast writes. */
  public String expected() {
    return expected;
  }
}
