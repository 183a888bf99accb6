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
  /*
   * The extended feature set. Its PU_DO, PULocationID and DOLocationID are indexed into PU_DO_INDEX,
   * PU_INDEX and DO_INDEX (and encoded into the vectors above), so the vocabulary and the
   * seen/unseen split read the same columns for every feature set.
   */
  /** string: PULocationID as text, "-1" when null (extended). */
  public static final String X_PU = "x_pu";
  /** string: DOLocationID as text, "-1" when null (extended). */
  public static final String X_DO = "x_do";
  /** string: "&lt;x_pu&gt;_&lt;x_do&gt;", computed inside the pipeline (extended). */
  public static final String X_PU_DO = "x_pu_do";
  /** double, miles: trip_distance clamped to [0, model.extended.max-trip-distance-miles]. */
  public static final String X_DISTANCE = "x_distance";
  /** double, 1 or 0: trip_distance &lt;= 0. */
  public static final String X_DISTANCE_ZERO = "x_distance_zero";
  /** double, 1 or 0: trip_distance above the cap (a meter error). */
  public static final String X_DISTANCE_OVER_CAP = "x_distance_over_cap";
  /** string: pickup hour of day 0–23 (New York wall clock) + "e" (Saturday, Sunday) or "d". */
  public static final String X_HOUR_WEEKPART = "x_hour_weekpart";
  /** string: pickup hour of day + "_" + day of week (1 = Sunday … 7 = Saturday). */
  public static final String X_HOUR_WEEKDAY = "x_hour_weekday";
  /** string: "&lt;PU group&gt;&gt;&lt;DO group&gt;", group = borough/service_zone, "NA" if unknown. */
  public static final String X_GROUP_PAIR = "x_group_pair";
  /** double: StringIndexer indexes and vector: one-hots of the three categoricals above. */
  public static final String X_HOUR_WEEKPART_INDEX = "x_hour_weekpart_index";
  public static final String X_HOUR_WEEKDAY_INDEX = "x_hour_weekday_index";
  public static final String X_GROUP_PAIR_INDEX = "x_group_pair_index";
  public static final String X_HOUR_WEEKPART_VECTOR = "x_hour_weekpart_vector";
  public static final String X_HOUR_WEEKDAY_VECTOR = "x_hour_weekday_vector";
  public static final String X_GROUP_PAIR_VECTOR = "x_group_pair_vector";
  /** vector: [x_distance, hinge 1 … hinge k], the distance spline. */
  public static final String X_SPLINE = "x_spline";
  /** vector: hour-weekpart one-hot × x_distance. */
  public static final String X_HOUR_WEEKPART_X_DISTANCE = "x_hour_weekpart_x_distance";
  /** vector: group-pair one-hot × spline. */
  public static final String X_GROUP_PAIR_X_SPLINE = "x_group_pair_x_spline";
  /** double, minutes: the extended regression's prediction. */
  public static final String PREDICTION_EXTENDED = "prediction_extended";

  /** double, miles: spline hinge {@code max(x_distance − knot_i, 0)}, i = 0 … knots − 1. */
  public static String xHinge(int i) {
    return "x_hinge_" + i;
  }

  /** boolean: the row's PU_DO was seen in training. */
  public static final String PU_DO_SEEN = "pu_do_seen";
  /** double, minutes: the final predicted duration. */
  public static final String PREDICTION = "prediction";

  private ModelColumns() {}
}
