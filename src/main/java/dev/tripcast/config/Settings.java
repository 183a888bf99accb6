package dev.tripcast.config;

import dev.tripcast.features.TripFilters;
import dev.tripcast.model.ModelParams;
import dev.tripcast.model.PromotionPolicy;
import dev.tripcast.model.ScoringEngine;
import dev.tripcast.monitoring.MonitoringParams;
import dev.tripcast.reports.ReportParams;
import dev.tripcast.tables.LogStorePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration of a tripcast run: one immutable object, read once at start-up by
 * {@link SettingsLoader} from {@code reference.conf} and its overrides. Each job step takes only
 * the sub-record it needs; the domain packages define their own records ({@link TripFilters},
 * {@link ModelParams}, {@link ReportParams}) and never read this one. Defaults live in {@code reference.conf}, never in code.
 *
 * @param paths where months, Delta tables and models live
 * @param spark Spark session settings
 * @param filters trip filters applied before training and scoring
 * @param model pipeline parameters
 * @param reports error-report parameters
 * @param s3 how {@code s3a://} paths are reached (used only when a path is on S3)
 * @param lifecycle when {@code retrain} promotes a challenger ({@code tripcast.lifecycle})
 * @param monitoring reference profiles and drift thresholds ({@code tripcast.monitoring})
 * @param scoringEngine how every scoring path applies a model ({@code tripcast.scoring.engine})
 * @param catalog where the tables are registered by name in the session catalog ({@code tripcast.catalog})
 * @param maintenance when and how {@code maintain} compacts, checkpoints and vacuums the tables
 *     ({@code tripcast.maintenance})
 */
public record Settings(
    Paths paths, SparkSettings spark, TripFilters filters, ModelParams model, ReportParams reports, S3 s3,
    PromotionPolicy lifecycle, MonitoringParams monitoring, ScoringEngine scoringEngine,
    Catalog catalog, Maintenance maintenance) {

  /** These settings with other paths. */
  public Settings withPaths(Paths newPaths) {
    return new Settings(newPaths, spark, filters, model, reports, s3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with other Spark settings. */
  public Settings withSpark(SparkSettings newSpark) {
    return new Settings(paths, newSpark, filters, model, reports, s3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with other trip filters. */
  public Settings withFilters(TripFilters newFilters) {
    return new Settings(paths, spark, newFilters, model, reports, s3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with other model parameters. */
  public Settings withModel(ModelParams newModel) {
    return new Settings(paths, spark, filters, newModel, reports, s3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with other error-report parameters. */
  public Settings withReports(ReportParams newReports) {
    return new Settings(paths, spark, filters, model, newReports, s3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with another promotion policy. */
  public Settings withLifecycle(PromotionPolicy newLifecycle) {
    return new Settings(paths, spark, filters, model, reports, s3, newLifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with other monitoring parameters. */
  public Settings withMonitoring(MonitoringParams newMonitoring) {
    return new Settings(paths, spark, filters, model, reports, s3, lifecycle, newMonitoring, scoringEngine, catalog, maintenance);
  }

  /** These settings with another scoring engine. */
  public Settings withScoringEngine(ScoringEngine newScoringEngine) {
    return new Settings(paths, spark, filters, model, reports, s3, lifecycle, monitoring, newScoringEngine, catalog, maintenance);
  }

  /** These settings with another catalog registration. */
  public Settings withCatalog(Catalog newCatalog) {
    return new Settings(paths, spark, filters, model, reports, s3, lifecycle, monitoring, scoringEngine, newCatalog, maintenance);
  }

  /** These settings with other maintenance settings. */
  public Settings withMaintenance(Maintenance newMaintenance) {
    return new Settings(paths, spark, filters, model, reports, s3, lifecycle, monitoring, scoringEngine, catalog, newMaintenance);
  }

  /** These settings with other S3 settings. */
  public Settings withS3(S3 newS3) {
    return new Settings(paths, spark, filters, model, reports, newS3, lifecycle, monitoring, scoringEngine, catalog, maintenance);
  }

  /**
   * Storage locations; each is a local path or a Hadoop URI ({@code file:}, {@code s3a://}).
   *
   * @param dataRoot folder holding {@code {taxi}_tripdata_{YYYY-MM}.parquet}
   * @param warehouseRoot folder holding one sub-folder per Delta table
   * @param modelRoot model registry root: {@code <modelRoot>/<model name>/<version>/}
   */
  public record Paths(String dataRoot, String warehouseRoot, String modelRoot) {}

  /**
   * Registration of the tables in the session catalog ({@code tripcast.catalog}), so that
   * {@code SELECT ... FROM <database>.scored_trips} works from any Spark SQL session sharing the
   * metastore (Spark's Hive support: {@code spark.sql.catalogImplementation = hive}).
   *
   * @param database the metastore database every table tripcast writes is registered in, as an
   *     external Delta table at its path; empty (the default): path tables only, the catalog is
   *     never touched. Letters, digits and underscores (a Hive database name).
   */
  public record Catalog(Optional<String> database) {}

  /**
   * Table maintenance ({@code tripcast.maintenance}, docs/tables.md "Maintenance").
   *
   * @param vacuumRetention how long VACUUM keeps a data file after the commit that removed it
   *     from the table (Delta's {@code RETAIN}); never shorter than a table's
   *     {@code delta.deletedFileRetentionDuration} (7 days unless the table sets it)
   * @param every how long after the last successful {@code maintain} a {@code nightly} runs it
   *     again as its last step; zero: never
   */
  public record Maintenance(Duration vacuumRetention, Duration every) {
    /** Whether {@code nightly} runs maintenance at all. */
    public boolean scheduled() {
      return !every.isZero();
    }
  }

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
}
