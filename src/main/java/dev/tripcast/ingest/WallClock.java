package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.PreciseTimestampConversion;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Arithmetic on {@code TIMESTAMP_NTZ} wall-clock times (TLC's New York local times) that never
 * reads the JVM or session time zone, so a day is always 86,400 s and a DST change is invisible,
 * exactly like the taximeter's clock.
 *
 * <p>A TIMESTAMP_NTZ value is stored as microseconds since 1970-01-01 00:00 of its wall clock, and a
 * TIMESTAMP as microseconds since the UTC epoch; these helpers reinterpret that long with
 * Catalyst's {@code PreciseTimestampConversion} (what Spark's own {@code window} uses; internal API,
 * the same in Spark 3.5 and 4.1, wrapped per line by {@code CatalystColumns}), which costs nothing per row. The public routes cost a calendar per
 * value: {@code timestampdiff}, interval arithmetic, {@code hour()} and a cast to TIMESTAMP (even
 * one pinned to UTC: Spark's {@code convertTz} builds a {@code ZoneRules} per call) — their cost is
 * in docs/performance.md.
 */
public final class WallClock {
  /** Microseconds in one day of wall clock (no DST: every day has 24 hours). */
  public static final long MICROS_PER_DAY = 86_400_000_000L;
  private WallClock() {}

  /** Microseconds from 1970-01-01 00:00 to the wall clock of a TIMESTAMP_NTZ (bigint; null stays null). */
  public static Column epochMicros(Column timestampNtz) {
    return reinterpret(timestampNtz, DataTypes.TimestampNTZType, DataTypes.LongType);
  }

  /** The TIMESTAMP_NTZ {@code micros} microseconds after 1970-01-01 00:00 (null stays null). */
  public static Column fromEpochMicros(Column micros) {
    return reinterpret(micros.cast(DataTypes.LongType), DataTypes.LongType, DataTypes.TimestampNTZType);
  }

  /** The UTC wall clock of an instant-typed TIMESTAMP, as TIMESTAMP_NTZ (null stays null). */
  public static Column utcWallClock(Column instant) {
    return reinterpret(instant, DataTypes.TimestampType, DataTypes.TimestampNTZType);
  }

  /** {@code to − from} in microseconds, both TIMESTAMP_NTZ (bigint; null if either is null). */
  public static Column microsBetween(Column from, Column to) {
    return epochMicros(to).minus(epochMicros(from));
  }

  /** {@code timestampNtz + micros} as TIMESTAMP_NTZ; {@code micros} may be negative (null if either is null). */
  public static Column plusMicros(Column timestampNtz, Column micros) {
    return fromEpochMicros(epochMicros(timestampNtz).plus(micros));
  }

  /** Hour of day of the wall clock, 0–23 (int; null stays null); {@code hour()} without a calendar. */
  public static Column hourOfDay(Column timestampNtz) {
    Column sinceMidnight = pmod(epochMicros(timestampNtz), lit(MICROS_PER_DAY));
    return floor(sinceMidnight.divide(3_600_000_000L)).cast(DataTypes.IntegerType);
  }

  /** Day of week of the wall clock, 0 = Monday … 6 = Sunday (int; null stays null). */
  public static Column weekdayFromMonday(Column timestampNtz) {
    Column micros = epochMicros(timestampNtz);
    Column epochDay = micros.minus(pmod(micros, lit(MICROS_PER_DAY))).divide(MICROS_PER_DAY); // exact
    return pmod(epochDay.cast(DataTypes.LongType).plus(3), lit(7L)).cast(DataTypes.IntegerType); // 1970-01-01: Thursday
  }

  /** The same microseconds as another long-backed type: no time zone, no calendar. */
  private static Column reinterpret(Column value, DataType from, DataType to) {
    return CatalystColumns.column(new PreciseTimestampConversion(CatalystColumns.expression(value), from, to));
  }
}
