package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;

/**
 * A column the job needs is null in every row of a file; exit 2.
 */
public final class AllNullColumnException extends InvalidInputException {
  private final String path;
  private final String column;
  private final long rows;

  public AllNullColumnException(String path, String column, long rows) {
    super(String.format("%s: required column %s is null in all %d rows", path, column, rows), null);
    this.path = path;
    this.column = column;
    this.rows = rows;
  }

  /** The file. */
  public String path() {
    return path;
  }

  /** The column, canonical name. */
  public String column() {
    return column;
  }

  /** Rows read from the file. */
  public long rows() {
    return rows;
  }
}
