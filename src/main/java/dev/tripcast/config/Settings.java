package dev.tripcast.config;

import dev.tripcast.features.FeatureSet;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of a tripcast run: one immutable object, read once at start-up by
 * {@link SettingsLoader} from {@code reference.conf} and its overrides. Each job step takes only
 * the sub-record it needs. Defaults live in {@code reference.conf}, never in code.
 *
 * @param paths where months, Delta tables and models live
 * @param tables Delta table names under the warehouse root
 * @param spark Spark session settings
 * @param filters trip filters applied before training and scoring
 * @param model pipeline parameters
 * @param reports error-report parameters
 */
public record Settings(
    Paths paths, Tables tables, SparkSettings spark, Filters filters, ModelParams model, Reports reports) {

  /**
   * Storage locations; each is a local path or a Hadoop URI ({@code file:}, {@code s3a://}).
   *
   * @param dataRoot folder holding {@code {taxi}_tripdata_{YYYY-MM}.parquet}
   * @param warehouseRoot folder holding one sub-folder per Delta table
   * @param modelRoot model registry root: {@code <modelRoot>/<model name>/<version>/}
   */
  public record Paths(String dataRoot, String warehouseRoot, String modelRoot) {}

  /** Delta table names; each table lives at {@code <warehouseRoot>/<name>}. */
  public record Tables(String scoredTrips, String errorReport, String dataQuality) {}

  /**
   * @param master Spark master used only when spark-submit did not set one
   * @param appName Spark application name
   * @param conf extra {@code spark.*} settings for the session
   */
  public record SparkSettings(String master, String appName, Map<String, String> conf) {}

  /**
   * Trip filters (the MLOps course's: 1 ≤ duration ≤ 60 minutes, both ends kept).
   *
   * @param minDurationMinutes shortest kept trip, minutes, inclusive
   * @param maxDurationMinutes longest kept trip, minutes, inclusive
   * @param dropPickupOutsideMonth drop trips whose pickup is not in the file's service month
   */
  public record Filters(double minDurationMinutes, double maxDurationMinutes, boolean dropPickupOutsideMonth) {}

  /**
   * @param name model name in the registry
   * @param featureSet the model's inputs
   * @param pair the course's PU_DO + trip_distance linear regression
   * @param backoff the model used for PU_DO pairs never seen in training
   */
  public record ModelParams(String name, FeatureSet featureSet, PairModel pair, Backoff backoff) {}

  /**
   * MLlib {@code LinearRegression} parameters of the PU_DO model.
   *
   * @param solver "l-bfgs" (required above 4,096 features), "normal" or "auto"
   * @param maxIter maximum L-BFGS iterations, &gt; 0
   * @param tol convergence tolerance, &gt;= 0
   * @param regParam L2 penalty; 0 reproduces the course's ordinary least squares
   */
  public record PairModel(String solver, int maxIter, double tol, double regParam) {}

  /**
   * Back-off for unseen PU_DO pairs: additive PULocationID + DOLocationID + capped distance.
   *
   * @param enabled false predicts unseen pairs with the PU_DO model alone (intercept + distance)
   * @param regParam L2 penalty that makes the back-off solution unique, &gt; 0
   * @param maxTripDistanceMiles distance cap of the back-off's distance feature, miles
   */
  public record Backoff(boolean enabled, double regParam, double maxTripDistanceMiles) {}

  /**
   * @param percentileAccuracy accuracy of {@code percentile_approx} for p50/p90
   * @param distanceBucketBoundsMiles ascending exclusive upper bounds of the distance buckets
   */
  public record Reports(int percentileAccuracy, List<Double> distanceBucketBoundsMiles) {}
}
