package dev.tripcast.config;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Delta-enabled {@link SparkSession} for a run. The master comes from spark-submit
 * when it set one ({@code spark.master}), else from {@code tripcast.spark.master}.
 */
public final class SparkSessions {
  /** Delta Lake's session extension (Delta docs, "Set up Apache Spark with Delta Lake"). */
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  /** Delta Lake's catalog for the default session catalog. */
  public static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

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

  private SparkSessions() {}

  /** Returns the session for these settings, creating it if none is active. */
  public static SparkSession getOrCreate(Settings.SparkSettings spark) {
    SparkConf conf = new SparkConf(); // picks up spark.* system properties set by spark-submit
    if (!conf.contains("spark.master")) {
      conf.setMaster(spark.master());
    }
    conf.setAppName(conf.get("spark.app.name", spark.appName()));
    for (Map.Entry<String, String> e : spark.conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    for (Map.Entry<String, String> e : REQUIRED.entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
