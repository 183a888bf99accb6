package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_dt_interval;

import java.time.LocalDateTime;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Arithmetic on {@code TIMESTAMP_NTZ} wall-clock times (TLC's New York local times) without any
 * time-zone conversion: differences come from {@code timestampdiff} on two NTZ values, shifts from
 * adding a day-time interval. Neither reads the JVM or session time zone, so a day is always
 * 86,400 s and a DST change is invisible, exactly like the taximeter's clock.
 */
public final class WallClock {
  /** Microseconds in one day of wall clock (no DST: every day has 24 hours). */
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private WallClock() {}

  /**
   * {@code to − from} in microseconds (bigint; null if either is null).
   *
   * @param fromSql a SQL expression of type TIMESTAMP_NTZ, e.g. a back-quoted column name or
   *     {@link #literalSql}
   * @param toSql likewise
   */
  public static Column microsBetween(String fromSql, String toSql) {
    return expr("timestampdiff(MICROSECOND, " + fromSql + ", " + toSql + ")");
  }

  /** A TIMESTAMP_NTZ SQL literal for {@code wallClock}, e.g. {@code TIMESTAMP_NTZ'2031-01-01 00:00:00'}. */
  public static String literalSql(LocalDateTime wallClock) {
    return "TIMESTAMP_NTZ'" + wallClock.toLocalDate() + " " + wallClock.toLocalTime().withNano(0)
        + (wallClock.getNano() == 0 ? "" : String.format(".%06d", wallClock.getNano() / 1000)) + "'";
  }

  /** A SQL reference to a column, back-quoted ({@code `lpep_pickup_datetime`}). */
  public static String columnSql(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /**
   * {@code timestampNtz + micros} (TIMESTAMP_NTZ; null if either is null). {@code micros} may be
   * negative or exceed a day; it is split into whole days and a second fraction so the interval
   * stays exact to the microsecond.
   */
  public static Column plusMicros(Column timestampNtz, Column micros) {
    Column days = floor(micros.divide(MICROS_PER_DAY)).cast(DataTypes.IntegerType);
    Column rest = micros.minus(days.cast(DataTypes.LongType).multiply(MICROS_PER_DAY));
    Column seconds = rest.cast("decimal(18,0)").divide(1_000_000).cast("decimal(18,6)");
    return timestampNtz.plus(make_dt_interval(days, lit(0), lit(0), seconds));
  }
}
