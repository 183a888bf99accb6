package dev.tripcast.config;

import dev.tripcast.features.FeatureSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param s3 how {@code s3a://} paths are reached (used only when a path is on S3)
 */
public record Settings(
    Paths paths, Tables tables, SparkSettings spark, Filters filters, ModelParams model, Reports reports, S3 s3) {

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
  public record SparkSettings(String master, String appName, Map<String, String> conf) {
    /** Like the record's own, but the value of every key that names a secret is masked. */
    @Override
    public String toString() {
      return "SparkSettings[master=" + master + ", appName=" + appName + ", conf=" + Secrets.maskValues(conf) + "]";
    }
  }

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

  /**
   * S3 through Hadoop's s3a file system (hadoop-aws 3.3.4, AWS SDK 1.12), for every
   * {@code s3a://} path. Turned into {@code fs.s3a.*} Hadoop settings by {@link S3HadoopConf}.
   * Credentials are not settings: they come from the providers listed here (environment
   * variables {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
   * or {@code fs.s3a.access.key}/{@code secret.key} passed to spark-submit), never from a file
   * tripcast reads.
   *
   * @param endpoint S3 endpoint URL, e.g. {@code http://127.0.0.1:9000} for MinIO or S3Proxy; empty
   *     for AWS S3 itself (the endpoint of {@code region})
   * @param pathStyleAccess true for {@code http://host/bucket/key} URLs (MinIO-like servers,
   *     endpoints given as an IP address); false for AWS's {@code bucket.host} URLs
   * @param region AWS region used for request signing and, without an endpoint, to pick AWS's
   *     regional endpoint; never looked up (a lookup could query the instance-metadata service)
   * @param credentialsProviders credential provider classes, tried in order; providers that
   *     query the EC2/ECS instance-metadata service are refused
   * @param connection HTTP connection pool, timeouts and retries
   * @param io request patterns: input policy, directory markers, upload buffering
   * @param singleDriverLogStore what to do when a Delta table is on S3 but Delta's log store for
   *     the scheme is the default single-driver one
   */
  public record S3(Optional<String> endpoint, boolean pathStyleAccess, String region,
      List<String> credentialsProviders, S3Connection connection, S3Io io, LogStorePolicy singleDriverLogStore) {
    /** Like the record's own, but user info in the endpoint URL ({@code http://user:pass@host}) is masked. */
    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint.map(Secrets::maskUserInfo).orElse("(AWS)") + ", pathStyleAccess=" + pathStyleAccess
          + ", region=" + region + ", credentialsProviders=" + credentialsProviders + ", connection=" + connection
          + ", io=" + io + ", singleDriverLogStore=" + singleDriverLogStore + "]";
    }
  }

  /**
   * HTTP connections of the S3 client.
   *
   * @param maximum pooled connections per file system instance (shared by all tasks of a JVM), &gt; 0
   * @param establishTimeout TCP connect timeout
   * @param socketTimeout longest wait for data on an open connection
   * @param sdkMaxErrorRetries retries of a failed request inside the AWS SDK, &gt;= 0
   * @param retryLimit retries of a failed operation by s3a itself (on top of the SDK's), &gt;= 0
   * @param retryInterval first pause between s3a retries (exponential back-off after it)
   */
  public record S3Connection(int maximum, Duration establishTimeout, Duration socketTimeout,
      int sdkMaxErrorRetries, int retryLimit, Duration retryInterval) {}

  /**
   * How s3a issues requests.
   *
   * @param inputPolicy {@code fs.s3a.experimental.input.fadvise}: "random" (ranged GETs, best for
   *     Parquet), "normal" or "sequential"
   * @param readaheadBytes bytes read past a ranged request's end, and the most a seek skips by
   *     reading instead of reopening, &gt;= 0
   * @param directoryMarkers {@code fs.s3a.directory.marker.retention}: "keep" (no marker deletes
   *     after each write) or "delete"
   * @param uploadBuffer {@code fs.s3a.fast.upload.buffer}: "disk", "array" or "bytebuffer"
   * @param committerAlgorithmVersion Hadoop {@code FileOutputCommitter} algorithm (model saves) when a
   *     path is on S3: 1 or 2 (2 moves each file once instead of twice)
   * @param skipCommitterCleanup when a path is on S3, skip the committer's deletion of its
   *     {@code _temporary} folder after a model save (leaves empty folder markers)
   */
  public record S3Io(String inputPolicy, long readaheadBytes, String directoryMarkers, String uploadBuffer,
      int committerAlgorithmVersion, boolean skipCommitterCleanup) {}

  /** What to do when a Delta table is on S3 and only the single-driver log store is configured. */
  public enum LogStorePolicy {
    /** Fail before anything is written (exit code 2). */
    REFUSE,
    /** Log a warning and go on: safe only if one driver at a time writes each table. */
    WARN
  }
}
