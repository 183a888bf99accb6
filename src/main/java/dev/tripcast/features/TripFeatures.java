package dev.tripcast.features;

import static dev.tripcast.features.FeatureColumns.DROP_REASON;
import static dev.tripcast.features.FeatureColumns.DURATION;
import static dev.tripcast.features.FeatureColumns.PU_DO;
import static dev.tripcast.ingest.TripColumns.DO_LOCATION_ID;
import static dev.tripcast.ingest.TripColumns.DROPOFF_DATETIME;
import static dev.tripcast.ingest.TripColumns.PICKUP_DATETIME;
import static dev.tripcast.ingest.TripColumns.PU_LOCATION_ID;
import static dev.tripcast.ingest.TripColumns.MONTH;
import static dev.tripcast.ingest.TripColumns.TRIP_DISTANCE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_timestamp_ntz;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.year;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.WallClock;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The course's feature preparation, shared by training and scoring ("MLOps Zoomcamp", module 1:
 * {@code duration = (dropoff − pickup) / 60 s}, keep {@code 1 <= duration <= 60},
 * {@code PU_DO = PULocationID + "_" + DOLocationID}). Every step is a lazy
 * {@code Dataset -> Dataset} transformation; none runs a Spark action.
 */
public final class TripFeatures {
  /**
   * The zone id a trip without {@code PULocationID} or {@code DOLocationID} gets as a model input:
   * one "unknown zone" category, learnt like any other, as the course's FHV homework fills it
   * ({@code fillna(-1)}). Outside TLC's 1–265, so it never collides with a published id.
   */
  public static final int MISSING_ZONE_ID = -1;

  private TripFeatures() {}

  /**
   * Tags every canonical trip with its duration, PU_DO and drop reason; drops no row.
   *
   * <p>Input: the canonical trip columns ({@link dev.tripcast.ingest.TripColumns}). Output: the
   * same rows plus {@code duration} (double, minutes, null if a timestamp is null),
   * {@code PU_DO} (string, a missing id written as {@link #MISSING_ZONE_ID}) and
   * {@code drop_reason} (string, null = kept). The zone id columns stay as read (null where
   * missing): {@link #fillMissingZones} turns kept rows into model input. Distance rules apply
   * only when {@code featureSet} uses the distance.
   */
  public static Dataset<Row> prepare(Dataset<Row> trips, TripFilters filters, FeatureSet featureSet) {
    return trips
        .transform(TripFeatures::withDuration)
        .transform(TripFeatures::withPuDo)
        .transform(t -> withDropReason(t, filters, featureSet));
  }

  /** Keeps the rows {@link #prepare} did not tag with a drop reason. */
  public static Dataset<Row> keepPlausible(Dataset<Row> prepared) {
    return prepared.where(col(DROP_REASON).isNull());
  }

  /**
   * Replaces a null {@code PULocationID} or {@code DOLocationID} by {@link #MISSING_ZONE_ID}, the
   * "unknown zone" category every feature set learns (the course homework's {@code fillna(-1)}).
   * Apply it to kept rows before the model (training and scoring alike); other rows pass
   * unchanged. {@link dev.tripcast.scoring.ScoredTrips} stores the id as read (null again).
   */
  public static Dataset<Row> fillMissingZones(Dataset<Row> trips) {
    return trips
        .withColumn(PU_LOCATION_ID, coalesce(col(PU_LOCATION_ID), lit(MISSING_ZONE_ID)))
        .withColumn(DO_LOCATION_ID, coalesce(col(DO_LOCATION_ID), lit(MISSING_ZONE_ID)));
  }

  /**
   * Adds {@code duration}: the wall-clock difference dropoff − pickup in minutes (double, with
   * microsecond precision). Both inputs are New York local times without a zone, as TLC
   * publishes them, so the difference is the taximeter's, independent of any time zone. It is
   * taken as a TIMESTAMP_NTZ subtraction (a day-time interval): Spark 3.5's
   * {@code timestampdiff} passes TIMESTAMP_NTZ through the session time zone, which under
   * America/New_York makes a trip across the spring-forward gap an hour short (02:30 → 03:10 on
   * 2023-03-12 came out as −20 minutes).
   */
  public static Dataset<Row> withDuration(Dataset<Row> trips) {
    Column micros = WallClock.microsBetween(col(PICKUP_DATETIME), col(DROPOFF_DATETIME));
    return trips.withColumn(DURATION, micros.divide(60_000_000.0));
  }

  /**
   * Adds {@code PU_DO} = "&lt;PULocationID&gt;_&lt;DOLocationID&gt;" from the integer ids
   * (never "132.0"); a missing id is written as {@link #MISSING_ZONE_ID}, e.g. "-1_45", as the
   * course's FHV homework builds it.
   */
  public static Dataset<Row> withPuDo(Dataset<Row> trips) {
    return trips.withColumn(PU_DO, concat_ws("_", zoneOrMissing(PU_LOCATION_ID), zoneOrMissing(DO_LOCATION_ID)));
  }

  private static Column zoneOrMissing(String zoneIdColumn) {
    return coalesce(col(zoneIdColumn).cast("int"), lit(MISSING_ZONE_ID));
  }

  /**
   * Adds {@code drop_reason}: the first {@link DropReason}, in declaration order, that applies,
   * or null when the trip is kept. Requires {@code duration}. Zones 264/265 ("Unknown") are kept:
   * they are TLC codes, learnt as categories like any other, and counted in the data-quality
   * table's unknown-zone share. A null zone id is kept too (see {@link #MISSING_ZONE_ID}); only a
   * null pickup or dropoff time drops a trip for being null.
   */
  public static Dataset<Row> withDropReason(Dataset<Row> trips, TripFilters filters, FeatureSet featureSet) {
    Column nullTimestamp = col(PICKUP_DATETIME).isNull().or(col(DROPOFF_DATETIME).isNull());
    Column outOfRange = coalesce(outOfRange(col(PU_LOCATION_ID)), lit(false))
        .or(coalesce(outOfRange(col(DO_LOCATION_ID)), lit(false)));
    Column badDistance = lit(featureSet.usesDistance())
        .and(col(TRIP_DISTANCE).isNull().or(col(TRIP_DISTANCE).lt(0)));
    Column outsideMonth = lit(filters.dropPickupOutsideMonth())
        .and(not(inMonth(col(PICKUP_DATETIME), col(MONTH))));
    Column nonFinite = NonFiniteInputs.any(featureSet);
    Column reason =
        when(nullTimestamp, lit(DropReason.NULL_TIMESTAMP.id()))
            .when(outOfRange, lit(DropReason.LOCATION_OUT_OF_RANGE.id()))
            .when(nonFinite, lit(DropReason.NON_FINITE_VALUE.id()))
            .when(badDistance, lit(DropReason.DISTANCE_NULL_OR_NEGATIVE.id()))
            .when(outsideMonth, lit(DropReason.PICKUP_OUTSIDE_MONTH.id()))
            .when(col(DURATION).lt(0), lit(DropReason.DROPOFF_BEFORE_PICKUP.id()))
            .when(col(DURATION).lt(filters.minDurationMinutes()), lit(DropReason.DURATION_UNDER_MIN.id()))
            .when(col(DURATION).gt(filters.maxDurationMinutes()), lit(DropReason.DURATION_OVER_MAX.id()))
            .otherwise(lit(null).cast("string"));
    return trips.withColumn(DROP_REASON, reason);
  }

  /**
   * "YYYY-MM" of a TIMESTAMP_NTZ (years 1–9999). Built from year() and month(), which read the wall
   * clock as is; date_format would pass through the session time zone (and shift times in a DST
   * gap). Zero-padded with lpad rather than format_string, which runs java.util.Formatter on every
   * row of the drop-reason rule (a measurable share of a scoring pass).
   */
  public static Column yearMonth(Column timestampNtz) {
    return concat(zeroPadded(year(timestampNtz), 4), lit("-"), zeroPadded(month(timestampNtz), 2));
  }

  /**
   * Whether a TIMESTAMP_NTZ lies in the month {@code yearMonth} ("YYYY-MM" string column), as
   * {@code yearMonth(ts) = yearMonth} but with two timestamp comparisons: the month's bounds
   * {@code [YYYY-MM-01 00:00, next month)} are wall-clock TIMESTAMP_NTZ values, constant-folded when
   * {@code yearMonth} is a literal (the service month of a file), so no row needs a calendar
   * computation. Null if either input is null.
   */
  public static Column inMonth(Column timestampNtz, Column yearMonth) {
    Column start = to_timestamp_ntz(concat(yearMonth, lit("-01")));
    return timestampNtz.geq(start).and(timestampNtz.lt(start.plus(expr("INTERVAL 1 MONTH"))));
  }

  /** A non-negative int as a decimal string left-padded with zeros to {@code width} characters. */
  public static Column zeroPadded(Column nonNegativeInt, int width) {
    return lpad(nonNegativeInt.cast("string"), width, "0");
  }

  private static Column outOfRange(Column zoneId) {
    return zoneId.lt(TripColumns.MIN_ZONE_ID).or(zoneId.gt(TripColumns.MAX_ZONE_ID));
  }
}
