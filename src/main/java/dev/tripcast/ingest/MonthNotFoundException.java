package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;
import java.time.YearMonth;

/**
 * A TLC month file is not under the data root; exit 2.
 */
public final class MonthNotFoundException extends InvalidInputException {
  private final String taxiType;
  private final YearMonth month;
  private final String path;

  public MonthNotFoundException(String taxiType, YearMonth month, String path) {
    super(String.format("no %s trip file for month %s: %s does not exist (check paths.data-root or the month)", taxiType, month, path), null);
    this.taxiType = taxiType;
    this.month = month;
    this.path = path;
  }

  /** The taxi type, e.g. {@code green}. */
  public String taxiType() {
    return taxiType;
  }

  /** The service month asked for. */
  public YearMonth month() {
    return month;
  }

  /** Where the file was looked for (with why it is not there, for a directory). */
  public String path() {
    return path;
  }
}
