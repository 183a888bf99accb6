package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The columns monitoring profiles, in the names of the training data ({@code duration},
 * {@code prediction}); {@link #fromScoredTrips} renames {@code scored_trips}' columns to them.
 * {@code fare_amount} and {@code passenger_count} are not profiled: {@code scored_trips} does not
 * keep them (their missing shares are in {@code data_quality}).
 */
public final class ProfileColumns {
  /** Numeric columns: miles, minutes, minutes. */
  public static final List<String> NUMERIC = List.of("trip_distance", "duration", "prediction");
  /** Categorical columns: zone ids and their pair "PU_DO". */
  public static final List<String> CATEGORICAL = List.of("PULocationID", "DOLocationID", "PU_DO");
  /** The pair column, whose unseen share is the model's own ({@link #UNSEEN_PAIR}). */
  public static final String PU_DO = "PU_DO";
  /** Boolean: the trip's PU_DO pair was not in the model's training vocabulary. */
  public static final String UNSEEN_PAIR = "pu_do_unseen";
  /** Pickup date, New York local time, of the per-day windows. */
  public static final String DAY = "pickup_date";

  private ProfileColumns() {}

  /**
   * {@code scored_trips} rows → the profiled columns plus {@link #UNSEEN_PAIR} and {@link #DAY}.
   * Lazy, no action.
   */
  public static Dataset<Row> fromScoredTrips(Dataset<Row> scoredTrips) {
    return scoredTrips.select(col("trip_distance"), col("actual_duration").as("duration"),
        col("predicted_duration").as("prediction"), col("PULocationID"), col("DOLocationID"),
        org.apache.spark.sql.functions.concat_ws("_", col("PULocationID"), col("DOLocationID")).as(PU_DO),
        not(col("pu_do_seen")).as(UNSEEN_PAIR), org.apache.spark.sql.functions.to_date(col("pickup_datetime")).as(DAY));
  }

  /**
   * Training data through the model ({@code duration}, {@code prediction}, {@code pu_do_seen} …)
   * → the profiled columns plus {@link #UNSEEN_PAIR}. Lazy, no action.
   */
  public static Dataset<Row> fromPredicted(Dataset<Row> predicted) {
    return predicted.select(col("trip_distance"), col("duration"), col("prediction"), col("PULocationID"),
        col("DOLocationID"), col(PU_DO), not(col("pu_do_seen")).as(UNSEEN_PAIR));
  }
}
