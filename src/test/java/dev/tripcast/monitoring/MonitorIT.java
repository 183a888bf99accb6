package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.jobs.MonitorJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.model.ModelRef;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring on real green months: the shared {@link LocalReference} model v1 (trained on
 * 2021-01, validated on 2021-02, so it carries a reference profile; 2021-02 and 2021-03 scored
 * with it in the shared state, the later months here) monitored over 2021-02 … 2021-05 and
 * 2022-01; the rows of a month monitored twice (and scored twice) are identical; a synthetic month
 * (2021-02's scored trips with durations × 1.5, written by the test) fires the duration drift.
 */
class MonitorIT {
  static final List<YearMonth> MONTHS = List.of(YearMonth.of(2021, 2), YearMonth.of(2021, 3), YearMonth.of(2021, 4),
      YearMonth.of(2021, 5), YearMonth.of(2022, 1));
  @TempDir static Path work;
  static Settings settings;
  static final Map<YearMonth, MonitorJob.Result> results = new LinkedHashMap<>();

  @BeforeAll
  static void scoreAndMonitor() {
    LocalReference.get().copyWithMarchTo(work); // 2021-02 and 2021-03 scored with v1
    settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    SparkSession spark = TestSpark.session();
    for (YearMonth m : MONTHS) {
      long t0 = System.nanoTime();
      if (!m.equals(LocalReference.VALID) && !m.equals(LocalReference.MARCH)) {
        ScoreJob.run(RunContext.open(spark, settings, RunInfo.start("score")),
            new ScoreJob.Request(TaxiType.GREEN, m, ModelRef.version("v1").orElseThrow()));
      }
      long t1 = System.nanoTime();
      results.put(m, MonitorJob.run(RunContext.open(spark, settings, RunInfo.start("monitor")),
          new MonitorJob.Request(TaxiType.GREEN, m)));
      System.out.printf("MONITOR %s score %.1f s, monitor %.1f s%n", m, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
    }
    results.forEach((m, r) -> r.metrics().stream()
        .filter(x -> x.granularity().equals(DriftMetric.MONTH))
        .forEach(x -> System.out.printf("MONITOR %s %-12s %-14s %-22s %9.4f / %6.3f %s%n", m, x.kind(), x.column(),
            x.statistic(), x.value(), x.threshold(), x.drifted() ? "DRIFTED" : "")));
  }

  @Test
  void everyMonthHasMonthAndDayRowsWithoutNaN() {
    for (MonitorJob.Result r : results.values()) {
      assertTrue(r.metrics().stream().anyMatch(m -> m.granularity().equals(DriftMetric.DAY)));
      // The validation month cannot judge the model it validated: no performance rows there.
      assertEquals(!r.month().equals(LocalReference.VALID),
          r.metrics().stream().anyMatch(m -> m.kind().equals(DriftMetric.PERFORMANCE)), r.month().toString());
      assertTrue(r.metrics().stream().allMatch(m -> Double.isFinite(m.value())));
      assertEquals("v1", r.modelVersion());
    }
  }

  @Test
  void validationMonthDoesNotDriftAsADataset() {
    DriftMetric share = monthRow(YearMonth.of(2021, 2), DriftMetric.DATASET, "drifted_column_share");
    assertTrue(share.value() < 0.5, "2021-02 is the model's validation month: " + share);
  }

  @Test
  void onlyJanuary2022DriftsAsADatasetAndAsksForARetrain() {
    // Measured: drifted_column_share 0, 0, 1/6, 1/6 for 2021-02..05 and 5/6 for 2022-01.
    for (Map.Entry<YearMonth, MonitorJob.Result> e : results.entrySet()) {
      boolean january2022 = e.getKey().equals(YearMonth.of(2022, 1));
      DriftMetric share = monthRow(e.getKey(), DriftMetric.DATASET, "drifted_column_share");
      assertEquals(january2022, share.drifted(), e.getKey() + ": " + share);
      Checks.Outcome rule = e.getValue().checks().stream().filter(o -> o.rule().name().equals("dataset-drift"))
          .findFirst().orElseThrow();
      assertEquals(january2022 ? Checks.Status.ERROR : Checks.Status.OK, rule.status(), e.getKey().toString());
      assertEquals(january2022, e.getValue().retrainAsked(), e.getKey().toString());
    }
  }

  @Test
  void durationDriftsFromApril2021On() {
    // Measured normed Wasserstein of duration: 0.086, 0.083, 0.140, 0.124, 0.239 (threshold 0.1).
    for (YearMonth m : MONTHS) {
      boolean expected = !m.isBefore(YearMonth.of(2021, 4));
      assertEquals(expected, monthRow(m, "duration", "normed_wasserstein").drifted(), m.toString());
    }
  }

  @Test
  void wassersteinMatchesTheExactOneOnTheDriver() {
    // The month's actual durations, collected (a small month: tens of thousands of rows), against
    // the reference's saved sketch read as equally weighted points: the exact W1 between them is
    // the area between their CDFs, which the current month's sketch must reproduce.
    YearMonth m = YearMonth.of(2021, 3);
    ReferenceProfile reference = ReferenceProfile.load(work.resolve("models").resolve(settings.model().name())
        .resolve("v1").toString(), TestSpark.session().sparkContext().hadoopConfiguration());
    double[] current = warehouse().readLatest(ScoredTrips.TABLE.key("green", m)).orElseThrow().rows()
        .select("actual_duration").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).sorted().toArray();
    WindowProfile.Numeric base = reference.reference().numeric().get("duration");
    double exact = DriftStatisticsTest.areaBetweenCdfs(base.quantiles(), current) / base.std();
    DriftMetric measured = monthRow(m, "duration", "normed_wasserstein");
    System.out.printf("MONITOR exact normed Wasserstein of duration 2021-03 %.5f, measured %.5f%n", exact, measured.value());
    assertEquals(exact, measured.value(), 0.005 + exact * 0.02);
  }

  @Test
  void eachMonthIsComparedWithTheMonthBeforeWhenThatWasMonitoredWithTheSameVersion() {
    // 2021-02 (no 2021-01 profile) and 2022-01 (2021-12 not monitored) have no previous-window month rows.
    for (YearMonth m : MONTHS) {
      boolean previousMonitored = MONTHS.contains(m.minusMonths(1));
      assertEquals(previousMonitored, results.get(m).metrics().stream().anyMatch(x -> x.granularity().equals(DriftMetric.MONTH)
          && x.comparedTo().equals(DriftMetric.PREVIOUS_WINDOW)), m.toString());
    }
    // 2021-03's durations against 2021-02's saved month profile, exactly on the driver.
    YearMonth m = YearMonth.of(2021, 3);
    WindowProfile.Numeric february = WindowProfilesTable.read(warehouse(), "green", m.minusMonths(1), "v1").orElseThrow()
        .numeric().get("duration");
    double[] march = warehouse().readLatest(ScoredTrips.TABLE.key("green", m)).orElseThrow().rows()
        .select("actual_duration").collectAsList().stream().mapToDouble(r -> r.getDouble(0)).sorted().toArray();
    double exact = DriftStatisticsTest.areaBetweenCdfs(february.quantiles(), march) / february.std();
    DriftMetric measured = results.get(m).metrics().stream().filter(x -> x.granularity().equals(DriftMetric.MONTH)
        && x.comparedTo().equals(DriftMetric.PREVIOUS_WINDOW) && x.column().equals("duration")
        && x.statistic().equals("normed_wasserstein")).findFirst().orElseThrow();
    System.out.printf("MONITOR 2021-03 vs 2021-02 normed Wasserstein of duration: exact %.5f, measured %.5f%n", exact,
        measured.value());
    assertEquals(exact, measured.value(), 0.005 + exact * 0.02);
  }

  @Test
  void theBiasRuleComparesWithTheValidationBias() {
    // The course model's bias is +1.46 min on its own validation month 2021-02 (which has no
    // performance rows): later months are judged by their change from it.
    Checks.Outcome onValidation = results.get(LocalReference.VALID).checks().stream()
        .filter(o -> o.rule().name().equals("bias")).findFirst().orElseThrow();
    assertEquals(Checks.Status.NO_DATA, onValidation.status());
    for (YearMonth m : MONTHS.subList(1, MONTHS.size())) {
      Checks.Outcome bias = results.get(m).checks().stream().filter(o -> o.rule().name().equals("bias")).findFirst()
          .orElseThrow();
      assertEquals(Math.abs(monthRow(m, "duration", "bias_shift_minutes").value()) >= 1.0,
          bias.status() == Checks.Status.WARN, m + ": " + bias);
    }
  }

  @Test
  void monitoringTwiceGivesIdenticalRows() {
    YearMonth m = YearMonth.of(2021, 4);
    SparkSession spark = TestSpark.session();
    ScoreJob.run(RunContext.open(spark, settings, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, m, ModelRef.version("v1").orElseThrow()));
    MonitorJob.Result again = MonitorJob.run(RunContext.open(spark, settings, RunInfo.start("monitor")),
        new MonitorJob.Request(TaxiType.GREEN, m));
    assertEquals(sorted(results.get(m).metrics()), sorted(again.metrics()));
    List<Row> table = warehouse().readLatest(DriftMetricsTable.TABLE.key("green", m, "v1")).orElseThrow().rows()
        .collectAsList();
    assertEquals(again.metrics().size(), table.size());
    assertEquals(sorted(again.metrics()), sorted(table.stream().map(DriftMetricsTable::fromRow).toList()));
  }

  @Test
  void durationsTimesOneAndAHalfFireDurationDrift(@TempDir Path shiftedWork) {
    LocalReference.get().copyTo(shiftedWork);
    Settings shiftedSettings = TestSettings.defaults(TestSettings.realDataRoot(), shiftedWork);
    Warehouse w = new Warehouse(TestSpark.session(), shiftedSettings.paths().warehouseRoot(), LogStorePolicy.REFUSE);
    var key = ScoredTrips.TABLE.key("green", "2021-02");
    Dataset<Row> shifted = w.readLatest(key).orElseThrow().rows()
        .withColumn("actual_duration", col("actual_duration").multiply(1.5)).localCheckpoint();
    w.replace(key, shifted, "{\"run_id\":\"shift-test\"}");
    MonitorJob.Result r = MonitorJob.run(
            RunContext.open(TestSpark.session(), shiftedSettings, RunInfo.start("monitor")),
        new MonitorJob.Request(TaxiType.GREEN, YearMonth.of(2021, 2)));
    List<DriftMetric> fired = r.driftedOnMonth().stream().filter(m -> m.kind().equals(DriftMetric.DATA_DRIFT)).toList();
    System.out.println("MONITOR shifted 2021-02 fired " + fired);
    assertTrue(fired.stream().anyMatch(m -> m.column().equals("duration") && m.statistic().equals("normed_wasserstein")));
    assertFalse(fired.stream().anyMatch(m -> !m.column().equals("duration")), "only duration moved: " + fired);
  }

  @Test
  void theHtmlReportShowsTheMonthsDriftAndEveryFiredRule() throws java.io.IOException {
    Path html = work.resolve("report.html");
    dev.tripcast.htmlreport.HtmlReport.Result page = dev.tripcast.htmlreport.HtmlReport.write(warehouse(), "green",
        MONTHS.get(0), MONTHS.get(MONTHS.size() - 1), html.toString(),
        TestSpark.session().sparkContext().hadoopConfiguration(), "tripcast test");
    String text = java.nio.file.Files.readString(html);

    assertTrue(page.sections().contains("drift"), page.sections().toString());
    // One table row per fired rule of the monitored months, as the checks table holds them.
    List<Row> fired = warehouse().readAll(ChecksTable.TABLE).orElseThrow()
        .where(col("status").isin("warn", "error")).collectAsList();
    assertFalse(fired.isEmpty(), "2022-01 drifts as a dataset");
    String table = text.substring(text.indexOf("id=\"checks-fired-table\""));
    table = table.substring(0, table.indexOf("</table>"));
    assertEquals(fired.size(), table.split("<td data-field=\"rule\">", -1).length - 1, table);
    for (Row r : fired) {
      assertTrue(table.contains("<td data-field=\"month\">" + r.getAs("month") + "</td>"), r.toString());
      assertTrue(table.contains("<td data-field=\"rule\">" + r.getAs("rule") + "</td>"), r.toString());
    }
  }

  /**
   * A score run killed after its error_report commit leaves 2021-02 without its data_quality score
   * row: monitoring it alone is refused with report's half-written line (exit 2), before any write.
   */
  @Test
  void aHalfWrittenMonthIsRefusedWithTheRepairLineAndNothingWritten(@TempDir Path halfWork) {
    LocalReference.get().copyTo(halfWork);
    Settings half = TestSettings.defaults(TestSettings.realDataRoot(), halfWork);
    String quality = new Warehouse(TestSpark.session(), half.paths().warehouseRoot(), LogStorePolicy.REFUSE)
        .location(DataQualityTable.TABLE);
    TestSpark.session().sql("DELETE FROM delta.`" + quality + "` WHERE month = '2021-02' AND job = 'score'");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> MonitorJob.run(
            RunContext.open(TestSpark.session(), half, RunInfo.start("monitor")),
        new MonitorJob.Request(TaxiType.GREEN, LocalReference.VALID)));

    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
    assertTrue(e.getMessage().startsWith("green 2021-02 is half-written: "), e.getMessage());
    assertTrue(e.getMessage().contains("data_quality has no score rows"), e.getMessage());
    assertTrue(e.getMessage().endsWith("re-run 'tripcast score --taxi green --month 2021-02' to repair it"),
        e.getMessage());
    Warehouse written = new Warehouse(TestSpark.session(), half.paths().warehouseRoot(), LogStorePolicy.REFUSE);
    for (Table table : List.of(WindowProfilesTable.TABLE, DriftMetricsTable.TABLE, ChecksTable.TABLE)) {
      assertEquals(0L, written.readAll(table).map(Dataset::count).orElse(0L), table.name());
    }
  }

  private static DriftMetric monthRow(YearMonth m, String column, String statistic) {
    return results.get(m).metrics().stream().filter(x -> x.granularity().equals(DriftMetric.MONTH)
        && x.comparedTo().equals(DriftMetric.BASELINE) && x.column().equals(column) && x.statistic().equals(statistic))
        .findFirst().orElseThrow();
  }

  private static Warehouse warehouse() {
    return new Warehouse(TestSpark.session(), settings.paths().warehouseRoot(), LogStorePolicy.REFUSE);
  }

  private static List<DriftMetric> sorted(List<DriftMetric> metrics) {
    List<DriftMetric> out = new ArrayList<>(metrics);
    out.sort(Comparator.comparing(DriftMetric::toString));
    return out;
  }
}
