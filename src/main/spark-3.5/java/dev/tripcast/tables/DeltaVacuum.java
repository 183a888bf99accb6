package dev.tripcast.tables;

import java.time.Instant;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.commands.VacuumCommand$;
import org.apache.spark.util.Clock;

/**
 * Delta's VACUUM as of a given moment, for the Delta 3.3 / Spark 3.5 line: {@code VacuumCommand.gc}
 * (what {@code DeltaTable.vacuum} and the SQL {@code VACUUM} run) with a clock stopped at
 * {@code now}, so the files it deletes are exactly those removed from the table more than the
 * retention before {@code now} (and written before it). The Spark 4.1 line has its own copy in src/main/spark-4.1/.
 */
final class DeltaVacuum {
  private DeltaVacuum() {}

  /**
   * Runs VACUUM on the table of {@code log}, Delta's retention check on.
   *
   * @param hours the retention, hours (Delta rounds it to whole hours)
   * @param now the moment the retention counts back from
   * @throws IllegalArgumentException (Delta's) if the retention is below the table's
   *     {@code delta.deletedFileRetentionDuration}
   */
  static void vacuum(SparkSession spark, DeltaLog log, double hours, Instant now) {
    long millis = now.toEpochMilli();
    Clock clock = new Clock() {
      @Override
      public long getTimeMillis() {
        return millis;
      }

      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long waitTillTime(long targetTime) {
        throw new UnsupportedOperationException("VACUUM does not wait");
      }
    };
    VacuumCommand$ vacuum = VacuumCommand$.MODULE$;
    vacuum.gc(spark, log, false, scala.Option.apply((Object) hours), vacuum.gc$default$5(), vacuum.gc$default$6(),
        vacuum.gc$default$7(), clock);
  }
}
