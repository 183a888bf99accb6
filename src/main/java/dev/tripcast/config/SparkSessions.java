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
    conf.set("spark.sql.extensions", DELTA_EXTENSION);
    conf.set("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
