package dev.tripcast.monitoring;

import dev.tripcast.errors.InvalidInputException;
import java.time.YearMonth;

/**
 * A month has no scored rows for the model to monitor; exit 2.
 */
public final class NothingScoredException extends InvalidInputException {
  private final String taxiType;
  private final YearMonth month;
  private final String version;
  private final String table;

  public NothingScoredException(String taxiType, YearMonth month, String version, String table) {
    super(String.format("no %s rows for %s %s scored by model %s", table, taxiType, month, version), null);
    this.taxiType = taxiType;
    this.month = month;
    this.version = version;
    this.table = table;
  }

  /** The taxi type. */
  public String taxiType() {
    return taxiType;
  }

  /** The service month. */
  public YearMonth month() {
    return month;
  }

  /** The model version, or "any". */
  public String version() {
    return version;
  }

  /** The table read, {@code scored_trips}. */
  public String table() {
    return table;
  }
}
