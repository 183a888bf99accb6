package dev.tripcast.jobs;

import dev.tripcast.errors.InvalidInputException;
import java.time.Duration;

/**
 * {@code maintain}: {@code tripcast.maintenance.vacuum-retention} is shorter than a table's
 * {@code delta.deletedFileRetentionDuration} (Delta's default 7 days), the floor below which
 * VACUUM could delete files that a run still reading an earlier table version needs (Delta's own
 * {@code retentionDurationCheck} refuses it too); exit 2, checked before any table is touched.
 */
public final class VacuumRetentionTooShortException extends InvalidInputException {
  private final String table;
  private final Duration retention;
  private final Duration floor;

  /**
   * @param table the table whose floor the retention is below
   * @param retention the configured retention
   * @param floor the table's {@code delta.deletedFileRetentionDuration}
   */
  public VacuumRetentionTooShortException(String table, Duration retention, Duration floor) {
    super(String.format("tripcast.maintenance.vacuum-retention %s is shorter than table %s's"
        + " delta.deletedFileRetentionDuration %s: VACUUM could delete files a run reading an earlier version needs;"
        + " nothing was maintained", hours(retention), table, hours(floor)), null);
    this.table = table;
    this.retention = retention;
    this.floor = floor;
  }

  private static String hours(Duration d) {
    return d.toMinutes() % 60 == 0 && d.toSeconds() % 60 == 0 ? d.toHours() + "h" : d.toSeconds() + "s";
  }

  /** The table whose floor the retention is below. */
  public String table() {
    return table;
  }

  /** The configured retention. */
  public Duration retention() {
    return retention;
  }

  /** The table's {@code delta.deletedFileRetentionDuration}. */
  public Duration floor() {
    return floor;
  }
}
