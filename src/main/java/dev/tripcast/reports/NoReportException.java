package dev.tripcast.reports;

import dev.tripcast.errors.InvalidInputException;
import java.time.YearMonth;

/**
 * No error report was committed for this taxi type and month; exit 2.
 */
public final class NoReportException extends InvalidInputException {
  private final String taxiType;
  private final YearMonth month;
  private final String table;

  public NoReportException(String taxiType, YearMonth month, String table) {
    super(String.format("no error report for %s %s in %s", taxiType, month, table), null);
    this.taxiType = taxiType;
    this.month = month;
    this.table = table;
  }

  /** The taxi type. */
  public String taxiType() {
    return taxiType;
  }

  /** The (first) service month asked for. */
  public YearMonth month() {
    return month;
  }

  /** The error report table's location. */
  public String table() {
    return table;
  }
}
