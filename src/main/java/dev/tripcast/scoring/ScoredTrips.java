package dev.tripcast.scoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.model.ModelColumns;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.util.List;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shape of the {@code scored_trips} Delta table, partitioned by {@code taxi_type},
 * {@code month}:
 *
 * <pre>
 * ride_id             string         "{taxi_type}-{month}-{source_row}", e.g. "green-2021-02-17";
 *                                    stable across re-runs, unique in the table
 * taxi_type           string
 * month               string         "YYYY-MM", the month of the source file
 * pickup_datetime     timestamp_ntz  New York local time
 * dropoff_datetime    timestamp_ntz  New York local time
 * PULocationID        int            TLC zone 1–265 as read; null where the file has none
 * DOLocationID        int            (the model saw {@link TripFeatures#MISSING_ZONE_ID} there)
 * trip_distance       double         miles
 * actual_duration     double         minutes
 * predicted_duration  double         minutes
 * diff                double         actual_duration − predicted_duration, minutes
 * pu_do_seen          boolean        the trip's PU_DO was seen in training
 * model_version       string         registry version, e.g. "v3"
 * scored_at           timestamp      when the run started (UTC instant)
 * </pre>
 */
public final class ScoredTrips {
  /** The table: one row per kept trip, replaced per taxi type and month. */
  public static final Table TABLE = Table.of("scored_trips", String.join(", ",
          "ride_id STRING", "taxi_type STRING", "month STRING", "pickup_datetime TIMESTAMP_NTZ",
          "dropoff_datetime TIMESTAMP_NTZ", "PULocationID INT", "DOLocationID INT", "trip_distance DOUBLE",
          "actual_duration DOUBLE", "predicted_duration DOUBLE", "diff DOUBLE", "pu_do_seen BOOLEAN",
          "model_version STRING", "scored_at TIMESTAMP"),
      List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH), List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH),
      "one row per kept trip of a scored month, with its predicted and actual duration in minutes");
  /**
   * Shadow scoring ({@code score --shadow challenger}): the same columns as {@link #TABLE}, for a
   * model that does not serve production, kept apart so that a reader of {@code scored_trips}
   * never sees two predictions for one trip. One month can hold several shadow versions; a run
   * replaces its own (taxi type, month, model version).
   */
  public static final Table SHADOW_TABLE = new Table("shadow_trips", TABLE.schema(),
      List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH), List.of(TripColumns.TAXI_TYPE, TripColumns.MONTH, "model_version"),
      "one row per kept trip of a month scored in shadow by a model other than the one in scored_trips");
  public static final String RIDE_ID = "ride_id";
  public static final String ACTUAL_DURATION = "actual_duration";
  public static final String PREDICTED_DURATION = "predicted_duration";
  public static final String DIFF = "diff";
  public static final String MODEL_VERSION = "model_version";
  public static final String SCORED_AT = "scored_at";

  private ScoredTrips() {}

  /**
   * Projects model output onto the table's columns.
   *
   * @param predicted kept trips after {@code PipelineModel.transform}: canonical trip columns,
   *     {@code duration}, {@code prediction}, {@code pu_do_seen}; a zone id equal to
   *     {@link TripFeatures#MISSING_ZONE_ID} is written as null (the file had none)
   * @param modelVersion the registry version that produced {@code prediction}
   * @param scoredAt the run's start time, identical for every row of a run
   */
  public static Dataset<Row> stamp(Dataset<Row> predicted, String modelVersion, Timestamp scoredAt) {
    return predicted.select(
        concat_ws("-", col(TripColumns.TAXI_TYPE), col(TripColumns.MONTH), col(TripColumns.SOURCE_ROW)).as(RIDE_ID),
        col(TripColumns.TAXI_TYPE),
        col(TripColumns.MONTH),
        col(TripColumns.PICKUP_DATETIME),
        col(TripColumns.DROPOFF_DATETIME),
        zoneAsRead(TripColumns.PU_LOCATION_ID),
        zoneAsRead(TripColumns.DO_LOCATION_ID),
        col(TripColumns.TRIP_DISTANCE),
        col(FeatureColumns.DURATION).as(ACTUAL_DURATION),
        col(ModelColumns.PREDICTION).as(PREDICTED_DURATION),
        col(FeatureColumns.DURATION).minus(col(ModelColumns.PREDICTION)).as(DIFF),
        col(ModelColumns.PU_DO_SEEN),
        lit(modelVersion).as(MODEL_VERSION),
        lit(scoredAt).as(SCORED_AT));
  }

  /** The zone id as the file had it: the model's "unknown zone" {@code -1} back to null. */
  private static Column zoneAsRead(String zoneIdColumn) {
    return when(col(zoneIdColumn).equalTo(TripFeatures.MISSING_ZONE_ID), lit(null).cast("int"))
        .otherwise(col(zoneIdColumn)).as(zoneIdColumn);
  }

  /**
   * The model version whose predictions {@link #TABLE} holds for one month ({@code score}
   * replaces a whole month, so there is one), read from its latest commit; empty if the month was
   * never scored. Collects one row.
   */
  public static java.util.Optional<String> servedVersion(Warehouse warehouse, String taxiType,
      java.time.YearMonth month) {
    return warehouse.readLatest(TABLE.key(taxiType, month)).flatMap(s -> s.rows().select(col("model_version"))
        .distinct().collectAsList().stream().map(r -> r.getString(0)).findFirst());
  }
}
