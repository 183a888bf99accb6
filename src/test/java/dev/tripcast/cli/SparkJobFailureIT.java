package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark job that fails for a reason tripcast does not foresee (here: a data file of
 * {@code error_report} deleted behind Delta's back) reaches the driver as Spark's
 * {@code SparkException}, a checked exception that Scala throws undeclared. The run must still
 * end as one {@code [ERROR]} line with exit code 1, and its {@code runs} row must say
 * {@code failed}, not stay {@code running} as if the process had died.
 */
class SparkJobFailureIT {
  @TempDir Path work;

  @Test
  void aFailedSparkJobIsOneLineExitOneAndItsRunIsRecordedFailed() throws IOException {
    LocalReference.get().copyTo(work);
    try (Stream<Path> files = Files.list(work.resolve("tables/error_report"))) {
      // every data file of the table: error_report's rows of 2021-02 now point at nothing
      for (Path partition : files.filter(p -> !p.getFileName().toString().startsWith("_")).toList()) {
        try (Stream<Path> parquet = Files.walk(partition)) {
          for (Path p : parquet.filter(f -> f.toString().endsWith(".parquet")).toList()) {
            Files.delete(p);
          }
        }
      }
    }
    Path config = TestConfig.write(work.resolve("failure-it.conf"), TestSettings.realDataRoot(), work.resolve("tables"),
        work.resolve("models"));

    CliRun r = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-02", "--config", config.toString());

    assertEquals(ExitCode.INTERNAL_ERROR.code(), r.code(), r.err());
    String line = r.singleErrorLine();
    assertTrue(line.startsWith("[ERROR] unexpected failure: org.apache.spark.SparkException: Job aborted due to stage"
        + " failure: "), line);
    assertTrue(line.endsWith(" (re-run with --verbose for the stack trace)"), line);
    List<Row> runs = TestSpark.session().read().format("delta").load(work.resolve("tables/runs").toString())
        .where("job = 'report'").selectExpr("status", "exit_code", "error").collectAsList();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("failed", runs.get(0).getString(0));
    assertEquals(1, runs.get(0).getInt(1));
    assertTrue(runs.get(0).getString(2).startsWith("Job aborted due to stage failure: "), runs.get(0).getString(2));
  }
}
