package dev.tripcast.tables;

import io.delta.tables.DeltaTable;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Delta's VACUUM, for the Delta 4.2 / Spark 4.1 line: the public {@code DeltaTable.vacuum}, which
 * counts the retention back from the system clock; a {@code now} other than the present (within a
 * minute) is refused. The Spark 3.5 line's copy (src/main/spark-3.5/) vacuums as of any moment.
 */
final class DeltaVacuum {
  private DeltaVacuum() {}

  /**
   * Runs VACUUM on the table of {@code log}, Delta's retention check on.
   *
   * @param hours the retention, hours (Delta rounds it to whole hours)
   * @param now the present
   * @throws UnsupportedOperationException if {@code now} is not the present
   */
  static void vacuum(SparkSession spark, DeltaLog log, double hours, Instant now) {
    if (Duration.between(now, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) > 0) {
      throw new UnsupportedOperationException("VACUUM as of " + now + ": the Spark 4.1 build vacuums as of now only");
    }
    DeltaTable.forPath(spark, log.dataPath().toString()).vacuum(hours);
  }
}
