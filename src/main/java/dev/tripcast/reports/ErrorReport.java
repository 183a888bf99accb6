package dev.tripcast.reports;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
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
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

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
 * p50_abs_error  double   median |diff|, minutes (within 0.001 min of the exact order statistic)
 * p90_abs_error  double   90th percentile of |diff|, minutes (the same)
 * </pre>
 *
 * <p>All dimensions are computed in one pass over the scored trips, with integer keys and fine
 * histograms of |diff| instead of per-segment digests ({@link #build}); the percentiles are
 * within {@code reports.percentile-bin-minutes} (0.001 min) of the exact order statistics and do
 * not depend on partitioning. Zone and borough names come from {@link ZoneLookup}; a trip without a
 * zone id (null in {@code scored_trips}, the model's "unknown zone") is its own segment "(no zone
 * id)", and an id
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
   * Builds the report from scored trips, in three aggregations:
   *
   * <ol>
   *   <li>each trip has seven integer keys, one per {@link KeyedBy} (its pickup zone id serves
   *       both the pickup zone and the pickup borough), and a |diff| bin
   *       ({@code floor(|diff| / percentile-bin-minutes)}); per partition, {@link KeyedBinSums}
   *       counts and sums each (key, bin): n, Σ diff, Σ diff², Σ |diff|, min and max |diff|.
   *       Nothing per trip is kept but these sums;
   *   <li>the keys are named (zone and borough names from {@code zones}, hour "07", weekday
   *       "1-Mon", distance bucket "[2,5)") and the bins summed again per (dimension, segment,
   *       bin): boroughs are sums of their zones;
   *   <li>per segment: n, RMSE, MAE and bias from the sums; p50 and p90 of |diff| from the
   *       cumulative bin counts (below).
   * </ol>
   *
   * <p><b>Percentiles.</b> The p-th percentile is the {@code ceil(p·n)}-th smallest |diff| of the
   * segment (the order statistic {@code percentile_approx} estimates: the smallest value with at
   * least p·n values at or below it). Its bin is found exactly from the cumulative counts; within
   * the bin the value is read from the bin's min and max |diff|: the min if it is the bin's first
   * value, the max if its last, else interpolated linearly by rank. So the reported value is
   * within one bin width (default 0.001 min, 0.06 s: under the 1 s resolution of the TLC's
   * timestamps) of the exact order statistic, and exact when the bin holds one value; it does not
   * depend on partitioning or the order rows arrive in. (Spark's {@code percentile_approx} with
   * accuracy 10,000 has a rank error up to n/10,000; both side by side in docs/performance.md.)
   *
   * @param scored rows of {@code scored_trips} ({@link ScoredTrips} shape; {@code diff} in
   *     minutes, finite or infinite, never NaN)
   * @param zones the {@link ZoneLookup}
   * @return report rows, unordered; no action is run
   */
  public static Dataset<Row> build(Dataset<Row> scored, Dataset<Row> zones, ReportParams settings) {
    List<Double> bounds = settings.distanceBucketBoundsMiles();
    Column[] keys = {
        lit(0),
        when(col(ModelColumns.PU_DO_SEEN), 1).otherwise(0),
        coalesce(col(TripColumns.PU_LOCATION_ID), lit(NO_ID)),
        coalesce(col(TripColumns.DO_LOCATION_ID), lit(NO_ID)),
        WallClock.hourOfDay(col(TripColumns.PICKUP_DATETIME)),
        WallClock.weekdayFromMonday(col(TripColumns.PICKUP_DATETIME)),
        coalesce(DistanceBuckets.index(col(TripColumns.TRIP_DISTANCE), bounds), lit(NO_ID))};
    List<Column> columns = runAnd(col(ScoredTrips.DIFF).as("d"));
    for (KeyedBy by : KeyedBy.values()) {
      columns.add(keys[by.ordinal()].cast("int").as("k" + by.ordinal()));
    }
    Dataset<Row> byKey = scored.select(columns.toArray(new Column[0]))
        .mapPartitions(new KeyedBinSums(keys.length, settings.percentileBinMinutes()),
            Encoders.row(KeyedBinSums.OUTPUT));

    Dataset<Row> names = zones.select(col("LocationID").as("zone_id"), col("Borough").as("borough"), col("Zone").as("zone"));
    Dataset<Row> bySegment = byKey
        .join(broadcast(names), col("key").equalTo(col("zone_id"))
            .and(col("by").isin(KeyedBy.PICKUP_ZONE_ID.ordinal(), KeyedBy.DROPOFF_ZONE_ID.ordinal())), "left")
        .withColumn("s", explode(segments(bounds)))
        .groupBy(runAnd(col("s.dimension").as(DIMENSION), col("s.segment").as(SEGMENT), col("bin")).toArray(new Column[0]))
        .agg(sum(col("n")).as("n"), sum(col("sum_d")).as("sum_d"), sum(col("sum_d2")).as("sum_d2"),
            sum(col("sum_ad")).as("sum_ad"), min(col("min_ad")).as("min_ad"), max(col("max_ad")).as("max_ad"));

    WindowSpec segment = Window.partitionBy(runAnd(col(DIMENSION), col(SEGMENT)).toArray(new Column[0]));
    Dataset<Row> cumulative = bySegment
        .withColumn("cum", sum(col("n")).over(segment.orderBy(col("bin"))
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("total", sum(col("n")).over(segment));
    return cumulative
        .groupBy(runAnd(col(DIMENSION), col(SEGMENT)).toArray(new Column[0]))
        .agg(
            sum(col("n")).as("n"),
            sqrt(sum(col("sum_d2")).divide(sum(col("n")))).as("rmse"),
            sum(col("sum_ad")).divide(sum(col("n"))).as("mae"),
            sum(col("sum_d")).divide(sum(col("n"))).as("bias"),
            max(orderStatistic(50)).as("p50_abs_error"),
            max(orderStatistic(90)).as("p90_abs_error"));
  }

  /** The run's key columns (taxi type, month, model version), then {@code more}. */
  private static List<Column> runAnd(Column... more) {
    List<Column> columns = new java.util.ArrayList<>(List.of(col(TripColumns.TAXI_TYPE), col(TripColumns.MONTH),
        col(ScoredTrips.MODEL_VERSION)));
    columns.addAll(List.of(more));
    return columns;
  }

  /**
   * What a stage-1 row is keyed by: the report's dimensions, except that one pickup zone id
   * serves both {@link ReportDimension#PICKUP_ZONE} and {@link ReportDimension#PICKUP_BOROUGH}.
   */
  private enum KeyedBy { ALL, PU_DO_SEEN, PICKUP_ZONE_ID, DROPOFF_ZONE_ID, HOUR, WEEKDAY, DISTANCE_BUCKET }

  /** The key of a trip without the value (no zone id, no distance). */
  private static final int NO_ID = -1;

  /**
   * The (dimension, segment) pairs of a stage-1 key: two for a pickup zone id (borough and zone),
   * one otherwise.
   */
  private static Column segments(List<Double> bounds) {
    Column key = col("key");
    Column by = col("by");
    return when(by.equalTo(KeyedBy.ALL.ordinal()), array(segment(ReportDimension.OVERALL, lit("all"))))
        .when(by.equalTo(KeyedBy.PU_DO_SEEN.ordinal()), array(segment(ReportDimension.PU_DO_SEEN,
            when(key.equalTo(1), "seen").otherwise("unseen"))))
        .when(by.equalTo(KeyedBy.PICKUP_ZONE_ID.ordinal()), array(
            segment(ReportDimension.PICKUP_BOROUGH, zoneName(col("borough"))),
            segment(ReportDimension.PICKUP_ZONE, zoneName(col("zone")))))
        .when(by.equalTo(KeyedBy.DROPOFF_ZONE_ID.ordinal()), array(
            segment(ReportDimension.DROPOFF_BOROUGH, zoneName(col("borough")))))
        .when(by.equalTo(KeyedBy.HOUR.ordinal()), array(segment(ReportDimension.HOUR_OF_DAY,
            TripFeatures.zeroPadded(key, 2))))
        .when(by.equalTo(KeyedBy.WEEKDAY.ordinal()), array(segment(ReportDimension.DAY_OF_WEEK, dayOfWeek(key))))
        .otherwise(array(segment(ReportDimension.TRIP_DISTANCE_BUCKET,
            when(key.equalTo(NO_ID), lit(DistanceBuckets.NO_DISTANCE)).otherwise(DistanceBuckets.labelOfIndex(key, bounds)))));
  }

  /**
   * The {@code ceil(percent/100 · total)}-th smallest |diff| if this row's bin holds it, else null:
   * the bin's min or max at its ends, else interpolated by rank between them.
   */
  private static Column orderStatistic(int percent) {
    Column rank = col("total").multiply(percent).plus(99).divide(100).cast("long"); // ceil, in exact integers
    Column before = col("cum").minus(col("n"));
    Column position = rank.minus(before); // 1 … n within the bin
    Column interpolated = col("min_ad").plus(col("max_ad").minus(col("min_ad"))
        .multiply(position.minus(1)).divide(col("n").minus(1)));
    return when(rank.gt(before).and(rank.leq(col("cum"))),
        when(position.equalTo(1), col("min_ad")).when(position.equalTo(col("n")), col("max_ad")).otherwise(interpolated));
  }

  /** The looked-up name, "(no zone id)" if the trip has no id, "(unknown id)" if the lookup lacks it. */
  private static Column zoneName(Column lookedUpName) {
    return when(col("key").equalTo(NO_ID), lit(NO_ZONE_ID)).otherwise(coalesce(lookedUpName, lit(UNKNOWN_ID)));
  }

  /** "1-Mon" … "7-Sun" of a weekday 0 = Monday … 6 = Sunday ({@link WallClock#weekdayFromMonday}). */
  private static Column dayOfWeek(Column weekdayFromMonday) {
    Column name = element_at(array(lit("Mon"), lit("Tue"), lit("Wed"), lit("Thu"), lit("Fri"), lit("Sat"), lit("Sun")),
        weekdayFromMonday.plus(1));
    return concat(weekdayFromMonday.plus(1).cast("string"), lit("-"), name);
  }

  private static Column segment(ReportDimension dimension, Column value) {
    return struct(lit(dimension.id()).as("dimension"), value.cast("string").as("segment"));
  }
}
