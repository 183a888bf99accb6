package dev.tripcast.model;

/** Columns added by the fitted {@link DurationPipeline}; each is defined once here. */
public final class ModelColumns {
  /** double: StringIndexer index of PU_DO; the vocabulary size means "not seen in training". */
  public static final String PU_DO_INDEX = "PU_DO_index";
  /** vector: one-hot PU_DO (unseen pairs are all zeros). */
  public static final String PU_DO_VECTOR = "PU_DO_vector";
  /** vector: [PU_DO one-hot, trip_distance], the course's design. */
  public static final String FEATURES = "features";
  /** double, minutes: the course model's prediction. */
  public static final String PREDICTION_PAIR = "prediction_pair";
  /** double, miles: trip_distance capped at model.backoff.max-trip-distance-miles. */
  public static final String DISTANCE_CAPPED = "trip_distance_capped";
  /** double: StringIndexer indexes of PULocationID and DOLocationID (back-off model). */
  public static final String PU_INDEX = "PU_index";
  public static final String DO_INDEX = "DO_index";
  /** vector: one-hot PULocationID and DOLocationID (back-off model). */
  public static final String PU_VECTOR = "PU_vector";
  public static final String DO_VECTOR = "DO_vector";
  /** vector: [PU one-hot, DO one-hot, capped distance], the back-off design. */
  public static final String BACKOFF_FEATURES = "backoff_features";
  /** double, minutes: the back-off model's prediction. */
  public static final String PREDICTION_BACKOFF = "prediction_backoff";
  /** boolean: the row's PU_DO was seen in training. */
  public static final String PU_DO_SEEN = "pu_do_seen";
  /** double, minutes: the final predicted duration. */
  public static final String PREDICTION = "prediction";

  private ModelColumns() {}
}
