package dev.tripcast.testing;

import dev.tripcast.config.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession shared by every test class of the run (Surefire runs all classes in
 * one reused fork). Delta-enabled, local[2], UI off, 2 shuffle partitions, driver on 127.0.0.1,
 * session time zone UTC, and tripcast's {@link SparkSessions#DEFAULTS} (a codegen cache that keeps
 * what earlier tests compiled). It is stopped by a shutdown hook, never by a test.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("tripcast-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config(new org.apache.spark.SparkConf().setAll(
              scala.collection.JavaConverters.mapAsScalaMapConverter(SparkSessions.DEFAULTS).asScala()))
          .config(new org.apache.spark.SparkConf().setAll(
              scala.collection.JavaConverters.mapAsScalaMapConverter(SparkSessions.REQUIRED).asScala()))
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .getOrCreate();
      SparkSession s = session;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        s.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
      }));
    }
    return session;
  }
}
