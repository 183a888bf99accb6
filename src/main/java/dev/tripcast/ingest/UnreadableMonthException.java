package dev.tripcast.ingest;

import dev.tripcast.errors.Causes;
import dev.tripcast.errors.InvalidInputException;

/**
 * A TLC month file exists but its Parquet footer or CSV header cannot be read; exit 2.
 */
public final class UnreadableMonthException extends InvalidInputException {
  private final String path;
  private final MonthFile.Format format;

  public UnreadableMonthException(String path, MonthFile.Format format, Throwable cause) {
    super(String.format("cannot read %s as %s: %s", path, format.name().startsWith("CSV") ? "CSV" : "Parquet", Causes.rootFirstLine(cause)), cause);
    this.path = path;
    this.format = format;
  }

  /** The file. */
  public String path() {
    return path;
  }

  /** The format it was read as. */
  public MonthFile.Format format() {
    return format;
  }
}
