package dev.tripcast.config;

import dev.tripcast.tables.LogStores;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.StaticSQLConf;

/**
 * Builds the Delta-enabled {@link SparkSession} for a run. The master comes from spark-submit
 * when it set one ({@code spark.master}), else from {@code tripcast.spark.master}.
 *
 * <p>Settings, lowest precedence first: the S3 settings ({@link S3HadoopConf}, as
 * {@code spark.hadoop.fs.s3a.*}); {@code spark.*} system properties (spark-submit {@code --conf});
 * {@code tripcast.spark.conf}; {@link #DEFAULTS} where none of these set them; {@link #REQUIRED},
 * always set.
 */
public final class SparkSessions {
  /** Delta Lake's session extension (Delta docs, "Set up Apache Spark with Delta Lake"). */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  /** Delta Lake's catalog for the default session catalog. */
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";
  /** Spark's console progress bar: off by default, on from the launchers when stderr is a terminal. */
  public static final String CONSOLE_PROGRESS = "spark.ui.showConsoleProgress";
  /** Prefix that makes a Spark setting a Hadoop one. */
  public static final String HADOOP_PREFIX = "spark.hadoop.";

  /**
   * Settings the data contract relies on, applied after the configured ones: Delta's extension and
   * catalog; a UTC session time zone (TLC times are zone-less and read as TIMESTAMP_NTZ; the few
   * conversions from instants keep their UTC wall clock); and nanosecond Parquet timestamps read as
   * longs (Spark 3.5 cannot read TIMESTAMP(NANOS) otherwise; the reader converts them).
   */
  public static final Map<String, String> REQUIRED = Map.of(
      "spark.sql.extensions", DELTA_EXTENSION,
      "spark.sql.catalog.spark_catalog", DELTA_CATALOG,
      "spark.sql.session.timeZone", "UTC",
      "spark.sql.legacy.parquet.nanosAsLong", "true");

  /**
   * Defaults tripcast sets unless the configuration sets them: Spark's cache of compiled generated
   * classes holds 1,000 entries instead of 100 ({@code spark.sql.codegen.cache.maxEntries}, a
   * static setting). One {@code score} plans about 40 jobs, each compiling several classes, so
   * with 100 entries a run, and every step of a {@code nightly} in one JVM, evicted and
   * recompiled its own classes: Janino's compiler took a fifth of a small month's CPU.
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "spark.sql.codegen.cache.maxEntries", "1000");

  private SparkSessions() {}

  /**
   * Returns the session for these settings, creating it if none is active. An existing session
   * (tests, notebooks) is returned as it is: its settings can no longer change.
   *
   * <p>Also switches off the AWS SDK's instance-metadata lookups in this JVM (system property
   * {@value S3HadoopConf#SDK_METADATA_DISABLED_PROPERTY}, unless already set), a guard behind the
   * credential provider list; executors get the same switch from {@link #sparkConf}.
   */
  public static SparkSession getOrCreate(Settings settings) {
    if (System.getProperty(S3HadoopConf.SDK_METADATA_DISABLED_PROPERTY) == null) {
      System.setProperty(S3HadoopConf.SDK_METADATA_DISABLED_PROPERTY, "true");
    }
    SparkConf conf = sparkConf(settings.spark(), settings.s3(), onS3(settings.paths()));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    requireHiveClasses(conf, loader != null ? loader : SparkSessions.class.getClassLoader());
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Spark's Hive session state, what {@code spark.sql.catalogImplementation = hive} loads (Spark 3.5 and 4.1). */
  static final String HIVE_SESSION_STATE = "org.apache.spark.sql.hive.HiveSessionStateBuilder";

  /**
   * Refuses {@code spark.sql.catalogImplementation = hive} on a class path without Spark's Hive
   * support (such as {@code jobs/tripcast}'s), where Spark would fail with a stack trace the first
   * time the session is used.
   *
   * @throws InvalidConfigValueException naming the setting and the missing class (exit 2)
   */
  static void requireHiveClasses(SparkConf conf, ClassLoader loader) {
    String key = StaticSQLConf.CATALOG_IMPLEMENTATION().key();
    if (!"hive".equals(conf.get(key, "in-memory"))) {
      return;
    }
    try {
      Class.forName(HIVE_SESSION_STATE, false, loader);
    } catch (ClassNotFoundException e) {
      throw new InvalidConfigValueException(key, "is hive but this class path has no Spark Hive support (no "
          + HIVE_SESSION_STATE + "): run on a Spark built with Hive, e.g. with jobs/tripcast-submit (docs/deploy.md)");
    }
  }

  /** Whether any configured path is on S3. */
  static boolean onS3(Settings.Paths paths) {
    return LogStores.isOnS3(paths.dataRoot()) || LogStores.isOnS3(paths.warehouseRoot())
        || LogStores.isOnS3(paths.modelRoot());
  }

  /**
   * The Spark configuration of a new session; see the class comment for precedence. Executors
   * get the environment variable {@value S3HadoopConf#SDK_METADATA_DISABLED_ENV}{@code =true}
   * unless spark-submit set it.
   *
   * @param onS3 whether a path is on S3: only then are {@link S3HadoopConf#committerProperties}
   *     applied (they would leave empty {@code _temporary} folders in local model saves)
   */
  public static SparkConf sparkConf(Settings.SparkSettings spark, Settings.S3 s3, boolean onS3) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
    if (!conf.contains("spark.master")) {
      conf.setMaster(spark.master());
    }
    conf.setAppName(conf.get("spark.app.name", spark.appName()));
    for (Map.Entry<String, String> e : S3HadoopConf.properties(s3).entrySet()) {
      conf.setIfMissing(HADOOP_PREFIX + e.getKey(), e.getValue());
    }
    if (onS3) {
      for (Map.Entry<String, String> e : S3HadoopConf.committerProperties(s3).entrySet()) {
        conf.setIfMissing(HADOOP_PREFIX + e.getKey(), e.getValue());
      }
    }
    conf.setIfMissing("spark.executorEnv." + S3HadoopConf.SDK_METADATA_DISABLED_ENV, "true");
    for (Map.Entry<String, String> e : spark.conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
      conf.setIfMissing(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : REQUIRED.entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    // Off unless asked for: the launchers ask (-Dspark.ui.showConsoleProgress=true) when stderr is a terminal.
    conf.setIfMissing(CONSOLE_PROGRESS, "false");
    return conf;
  }
}
