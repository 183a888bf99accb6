package dev.tripcast.reports;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.WallClock;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The {@code error_report} Delta table ({@link #TABLE}): prediction error per month and model
 * version, broken down by segment, in one long shape (Deequ's metric rows). A run replaces the rows
 * of its own (taxi type, month, model version), so a month keeps one set of rows per model that
 * ever scored it ({@code score}, {@code score --shadow}, {@code retrain}'s evaluation): the rows of
 * the version that {@code scored_trips} holds for the month are the production figures
 * ({@link #ofScoredTrips}).
 *
 * <pre>
 * taxi_type      string
 * month          string   service month "YYYY-MM"
 * model_version  string
 * dimension      string   a {@link ReportDimension} id
 * segment        string   the segment within the dimension ("all", "seen", "Manhattan", "07", …)
 * n              long     scored trips in the segment
 * rmse           double   root mean squared error, minutes
 * mae            double   mean absolute error, minutes
 * bias           double   mean of diff = actual − predicted, minutes (positive: under-predicted)
 * p50_abs_error  double   median |diff|, minutes (percentile_approx)
 * p90_abs_error  double   90th percentile of |diff|, minutes (percentile_approx)
 * </pre>
 *
 * <p>All dimensions are computed in one pass: each scored trip is exploded into one
 * (dimension, segment) pair per dimension and aggregated by a single {@code groupBy}.
 * Percentiles use {@code percentile_approx} with {@code reports.percentile-accuracy} (default
 * 10,000: rank error at most n/10,000; the element chosen can depend on partitioning), one digest per
 * segment answering both p50 and p90. The digests dominate the report's cost (8 inserts per trip;
 * measured in docs/performance.md); with more than 128 segments per task Spark's hash aggregation would fall
 * back to sorting every exploded row, which {@code reference.conf} prevents
 * ({@code spark.sql.objectHashAggregate.sortBased.fallbackThreshold}). Which element the digest
 * returns depends on the order rows reach it, so runs with other partitioning (a cluster) may
 * differ by a rank, always within the stated rank error. Zone and
 * borough names come from {@link ZoneLookup}; a trip without a zone id (null in
 * {@code scored_trips}, the model's "unknown zone") is its own segment "(no zone id)", and an id
 * absent from the lookup is reported as "(unknown id)".
 */
public final class ErrorReport {
  /** The table: one row per (taxi type, month, model version, dimension, segment). */
  public static final Table TABLE = Table.of("error_report", String.join(", ",
          "taxi_type STRING", "month STRING", "model_version STRING", "dimension STRING", "segment STRING",
          "n BIGINT", "rmse DOUBLE", "mae DOUBLE", "bias DOUBLE", "p50_abs_error DOUBLE", "p90_abs_error DOUBLE"),
      List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH),
      List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH, ScoredTrips.MODEL_VERSION),
      "prediction error of a scored month per model version, dimension and segment, in minutes");
  public static final String DIMENSION = "dimension";
  public static final String SEGMENT = "segment";
  static final String UNKNOWN_ID = "(unknown id)";
  static final String NO_ZONE_ID = "(no zone id)";

  private ErrorReport() {}

  /**
   * The production figures: the rows of {@code report} whose (taxi type, month, model version)
   * is the one {@code scored_trips} holds, so a month also evaluated by other versions (shadow
   * scoring, {@code retrain}) is counted once. No action is run.
   *
   * @param report rows of {@link #TABLE}
   * @param scoredTrips rows of {@link ScoredTrips#TABLE} (only three of its columns are read)
   */
  public static Dataset<Row> ofScoredTrips(Dataset<Row> report, Dataset<Row> scoredTrips) {
    Dataset<Row> served = scoredTrips.select(TABLE.keyColumns().stream().map(c -> col(c).as("served_" + c))
        .toArray(Column[]::new)).distinct();
    Column same = TABLE.keyColumns().stream().map(c -> report.col(c).equalTo(col("served_" + c)))
        .reduce(Column::and).orElseThrow();
    return report.join(served, same, "left_semi");
  }

  /**
   * Builds the report from scored trips.
   *
   * @param scored rows of {@code scored_trips} ({@link ScoredTrips} shape)
   * @param zones the {@link ZoneLookup}
   * @return report rows, unordered; no action is run
   */
  public static Dataset<Row> build(Dataset<Row> scored, Dataset<Row> zones, ReportParams settings) {
    Dataset<Row> pickupZones = zones.select(
        col("LocationID").as("pu_id"), col("Borough").as("pickup_borough"), col("Zone").as("pickup_zone"));
    Dataset<Row> dropoffZones = zones.select(col("LocationID").as("do_id"), col("Borough").as("dropoff_borough"));
    Dataset<Row> named = scored
        .join(broadcast(pickupZones), col(TripColumns.PU_LOCATION_ID).equalTo(col("pu_id")), "left")
        .join(broadcast(dropoffZones), col(TripColumns.DO_LOCATION_ID).equalTo(col("do_id")), "left");

    Column segments = array(
        segment(ReportDimension.OVERALL, lit("all")),
        segment(ReportDimension.PU_DO_SEEN, when(col(ModelColumns.PU_DO_SEEN), "seen").otherwise("unseen")),
        segment(ReportDimension.PICKUP_BOROUGH, zoneName(TripColumns.PU_LOCATION_ID, "pickup_borough")),
        segment(ReportDimension.PICKUP_ZONE, zoneName(TripColumns.PU_LOCATION_ID, "pickup_zone")),
        segment(ReportDimension.DROPOFF_BOROUGH, zoneName(TripColumns.DO_LOCATION_ID, "dropoff_borough")),
        segment(ReportDimension.HOUR_OF_DAY,
            TripFeatures.zeroPadded(WallClock.hourOfDay(col(TripColumns.PICKUP_DATETIME)), 2)),
        segment(ReportDimension.DAY_OF_WEEK, dayOfWeek(col(TripColumns.PICKUP_DATETIME))),
        segment(ReportDimension.TRIP_DISTANCE_BUCKET, DistanceBuckets.label(col(TripColumns.TRIP_DISTANCE), settings.distanceBucketBoundsMiles())));

    Column diff = col(ScoredTrips.DIFF);
    Column absDiff = abs(diff);
    Column accuracy = lit(settings.percentileAccuracy());
    return named
        .select(col(TripColumns.TAXI_TYPE), col(TripColumns.MONTH), col(ScoredTrips.MODEL_VERSION),
            diff.as("d"), explode(segments).as("s"))
        .groupBy(col(TripColumns.TAXI_TYPE), col(TripColumns.MONTH), col(ScoredTrips.MODEL_VERSION),
            col("s.dimension").as(DIMENSION), col("s.segment").as(SEGMENT))
        .agg(
            count(lit(1)).as("n"),
            sqrt(avg(col("d").multiply(col("d")))).as("rmse"),
            avg(abs(col("d"))).as("mae"),
            avg(col("d")).as("bias"),
            // One digest answers both quantiles: half the work of two, and the same values.
            percentile_approx(abs(col("d")), array(lit(0.5), lit(0.9)), accuracy).as("p50_p90"))
        .withColumn("p50_abs_error", element_at(col("p50_p90"), 1))
        .withColumn("p90_abs_error", element_at(col("p50_p90"), 2))
        .drop("p50_p90");
  }

  /** The looked-up name, "(no zone id)" if the trip has no id, "(unknown id)" if the lookup lacks it. */
  private static Column zoneName(String zoneIdColumn, String lookedUpName) {
    return when(col(zoneIdColumn).isNull(), lit(NO_ZONE_ID)).otherwise(coalesce(col(lookedUpName), lit(UNKNOWN_ID)));
  }

  /** "1-Mon" … "7-Sun" of a TIMESTAMP_NTZ wall clock ({@link WallClock}: no time zone, no calendar objects). */
  private static Column dayOfWeek(Column timestampNtz) {
    Column weekday = WallClock.weekdayFromMonday(timestampNtz); // 0 = Monday
    Column name = element_at(array(lit("Mon"), lit("Tue"), lit("Wed"), lit("Thu"), lit("Fri"), lit("Sat"), lit("Sun")),
        weekday.plus(1));
    return concat(weekday.plus(1).cast("string"), lit("-"), name);
  }

  private static Column segment(ReportDimension dimension, Column value) {
    return struct(lit(dimension.id()).as("dimension"), value.cast("string").as("segment"));
  }
}
