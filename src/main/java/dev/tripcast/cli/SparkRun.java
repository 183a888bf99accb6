package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsPrinter;
import dev.tripcast.config.SparkSessions;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job body inside a Spark session: logs the run and its effective settings, creates the
 * session, and stops it afterwards unless it already existed (as in tests or notebooks).
 */
final class SparkRun {
  private static final Logger LOG = LoggerFactory.getLogger(SparkRun.class);

  private SparkRun() {}

  static <T> T with(Settings settings, RunInfo run, boolean verbose, Function<SparkSession, T> body) {
    if (verbose) {
      LOG.info("run {} starting; effective settings:\n{}", run.id(), SettingsPrinter.describe(settings).indent(2).stripTrailing());
    } else {
      LOG.info("run {} starting (--verbose prints the effective settings; the runs table keeps them)", run.id());
    }
    boolean existed = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.getOrCreate(settings);
    try {
      return body.apply(spark);
    } finally {
      if (!existed) {
        spark.stop();
      }
    }
  }
}
