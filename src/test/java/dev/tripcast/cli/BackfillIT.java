package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code tripcast backfill} through the CLI on the real green months, starting from the
 * {@link LocalReference} state (model v1 trained on 2021-01, 2021-02 already scored once):
 * backfilling 2021-02..2021-05 re-scores 2021-02, scores 2021-03 and stops at 2021-04, a
 * {@code .csv.gz} cut short by an interrupted download, with exit code 2, the file at fault, the
 * months done and 2021-05 not started. Then {@code tripcast report} reads the
 * months back.
 */
class BackfillIT {
  @TempDir static Path work;
  private static Path config;
  private static Path dataRoot;
  private static CliRun backfill;

  @BeforeAll
  static void backfillFebruaryToApril() throws IOException {
    LocalReference.get().copyTo(work);
    dataRoot = Files.createDirectories(work.resolve("data")); // February and March whole, April truncated
    for (String month : List.of("2021-02", "2021-03")) {
      String name = "green_tripdata_" + month + ".parquet";
      Files.copy(TestSettings.realDataRoot().resolve(name), dataRoot.resolve(name));
    }
    new TlcFiles(dataRoot).truncatedCsvGz(TlcLayout.GREEN_S2, "2021-04");
    config = TestConfig.write(work.resolve("backfill-it.conf"), dataRoot, work.resolve("tables"), work.resolve("models"));
    backfill = CliRun.runWithSpark("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-05", "--config", config.toString());
  }

  @Test
  void stopsAtTheFirstFailingMonthWithItsExitCodeAndSaysWhichMonthsAreDone() {
    assertEquals(ExitCode.INVALID_INPUT.code(), backfill.code(), backfill.err());
    assertEquals(List.of("[ERROR] backfill of green stopped at 2021-04 after 2 of 4 months (done: 2021-02, 2021-03;"
        + " not started: 2021-05): cannot read file:" + dataRoot.resolve("green_tripdata_2021-04.csv.gz")
        + " to its end: EOFException: Unexpected end of input stream (the file is truncated or corrupt; replace it"
        + " and re-run the month); fix it and resume with --from 2021-04 (re-running a done month replaces it)"),
        backfill.err().lines().toList());
  }

  @Test
  void printsEachMonthsSummaryAsItIsCommitted() {
    List<String> headers = backfill.out().lines().filter(l -> l.startsWith("scored ") || l.startsWith("backfilled ")).toList();
    assertEquals(List.of("scored 2021-02 with model v1", "scored 2021-03 with model v1"), headers);
    assertTrue(backfill.out().contains("read 64572, kept 61920, dropped 2652"), backfill.out());
    List<String> progress = backfill.out().lines().filter(l -> l.startsWith("  progress")).map(l -> l.replaceAll(",.*", ""))
        .toList();
    assertEquals(List.of("  progress        month 1 of 4", "  progress        month 2 of 4"), progress);
  }

  @Test
  void everyMonthIsInTheTablesExactlyOnceAlthoughFebruaryWasScoredBefore() {
    long marchKept = longAt("SELECT rows_kept FROM delta.`%s` WHERE month = '2021-03' AND job = 'score'", "data_quality");
    assertTrue(marchKept > 50_000, "2021-03 kept " + marchKept);
    List<Row> perMonth = sql("SELECT month, count(*), count(DISTINCT ride_id) FROM delta.`%s`"
        + " GROUP BY month ORDER BY month", "scored_trips");
    assertEquals(List.of(row("2021-02", 61_920L, 61_920L), row("2021-03", marchKept, marchKept)), perMonth);
    assertEquals(List.of(row("2021-02", 61_920L), row("2021-03", marchKept)), sql("SELECT month, n FROM delta.`%s`"
        + " WHERE dimension = 'overall' ORDER BY month", "error_report"));
    assertEquals(List.of(row("2021-02", 64_572L), row("2021-03", marchKept + longAt("SELECT aggregate("
        + "map_values(rows_dropped), 0L, (a, b) -> a + b) FROM delta.`%s` WHERE month = '2021-03' AND job = 'score'",
        "data_quality"))),
        sql("SELECT month, rows_read FROM delta.`%s` WHERE job = 'score' ORDER BY month", "data_quality"));
  }

  @Test
  void februaryRescoredByTheBackfillEqualsTheSingleScoreRunAndIsMarkedAsBackfill() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> backfilled = spark.read().format("delta").load(table("scored_trips"))
        .where("month = '2021-02'").drop("scored_at");
    Dataset<Row> single = spark.read().format("delta").load(LocalReference.get().february().scoredTrips().path())
        .drop("scored_at");
    assertEquals(0, backfilled.exceptAll(single).count());
    assertEquals(0, single.exceptAll(backfilled).count());
    String metadata = spark.sql(String.format("DESCRIBE HISTORY delta.`%s`", table("scored_trips")))
        .orderBy(org.apache.spark.sql.functions.col("version").desc()).select("userMetadata").first().getString(0);
    assertTrue(metadata.contains("\"job\":\"backfill\"") && metadata.contains("\"model_version\":\"v1\""), metadata);
  }

  @Test
  void aMissingModelVersionStopsBeforeAnyMonthWithExitCode3() {
    CliRun r = CliRun.runWithSpark("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-03", "--model-version", "v9",
        "--config", config.toString());

    assertEquals(ExitCode.MODEL_NOT_FOUND.code(), r.code());
    assertEquals(List.of("[ERROR] model version v9 not found under file:" + work.resolve("models/trip-duration")
        + " (existing versions: v1)"), r.err().lines().toList());
    assertEquals("", r.out());
  }

  @Test
  void reportWritesTheHtmlReportOfTheBackfilledRangeFromTheTables() throws java.io.IOException {
    Path html = work.resolve("reports/green-2021-02..03.html");
    double marchRmse = sql("SELECT rmse FROM delta.`%s` WHERE month = '2021-03' AND dimension = 'overall'", "error_report")
        .get(0).getDouble(0);

    CliRun r = CliRun.runWithSpark("report", "--taxi", "green", "--from", "2021-02", "--to", "2021-03", "--html",
        html.toString(), "--config", config.toString());

    assertEquals(ExitCode.OK.code(), r.code(), r.err());
    assertTrue(r.out().matches("(?s).*  HTML report     file:" + Pattern.quote(html.toString())
        + " \\(sections: key-numbers, error-trend, .*; \\d+ charts\\)\n.*"), r.out());
    String page = Files.readString(html);
    assertTrue(page.contains(String.format("%.3f", marchRmse)), "March's overall RMSE " + marchRmse + " not in the page");
    assertTrue(page.contains("2021-02") && page.contains("2021-03"));
  }

  @Test
  void reportPrintsABackfilledMonthAndFailsAboveMaxRmse() {
    long marchKept = longAt("SELECT rows_kept FROM delta.`%s` WHERE month = '2021-03' AND job = 'score'", "data_quality");
    CliRun ok = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-03", "--config", config.toString());

    assertEquals(ExitCode.OK.code(), ok.code(), ok.err());
    List<String> lines = ok.out().lines().toList();
    assertEquals("error report green 2021-03 (model v1)", lines.get(0));
    Matcher overall = Pattern.compile("^  overall +n=(\\d+) +RMSE (\\d+\\.\\d{4}) ").matcher(lines.get(2));
    assertTrue(overall.find(), lines.get(2));
    assertEquals(marchKept, Long.parseLong(overall.group(1)));
    double rmse = sql("SELECT rmse FROM delta.`%s` WHERE month = '2021-03' AND dimension = 'overall'", "error_report")
        .get(0).getDouble(0);
    assertEquals(String.format("%.4f", rmse), overall.group(2));

    CliRun breached = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-03", "--max-rmse", "1", "--config", config.toString());

    assertEquals(ExitCode.THRESHOLD_BREACHED.code(), breached.code());
    assertEquals(List.of(String.format("[ERROR] green 2021-03: overall RMSE %.4f minutes is above --max-rmse 1.0000"
        + " (check the data_quality table and consider retraining)", rmse)), breached.err().lines().toList());
    assertEquals(ok.out(), breached.out(), "the report is printed before the threshold is checked");
  }

  private static Row row(Object... values) {
    return org.apache.spark.sql.RowFactory.create(values);
  }

  private static String table(String name) {
    return work.resolve("tables").resolve(name).toString();
  }

  private static List<Row> sql(String template, String tableName) {
    return TestSpark.session().sql(String.format(template, table(tableName))).collectAsList();
  }

  private static long longAt(String template, String tableName) {
    return sql(template, tableName).get(0).getLong(0);
  }
}
