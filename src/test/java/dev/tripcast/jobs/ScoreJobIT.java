package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.model.ModelRef;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.DataFrameAssertions;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the real green 2021-02 and 2021-03 months with a model trained on 2021-01. The training
 * and both scorings are the shared {@link LocalReference} run with 2021-03 (the same job, run once
 * per test JVM), copied here; this class re-runs 2021-02 on the copy.
 */
class ScoreJobIT {
  private static final YearMonth FEB = YearMonth.of(2021, 2);

  @TempDir static Path work;
  private static Settings settings;
  private static ScoreJob.Result february;
  private static ScoreJob.Result march;

  @BeforeAll
  static void copyTheTrainingAndTwoScoredMonths() {
    LocalReference reference = LocalReference.get();
    reference.copyWithMarchTo(work);
    settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    february = reference.february();
    march = reference.march();
  }

  @Test
  void everyReadRowIsScoredOrCountedAsDropped() {
    assertEquals(64_572, february.quality().counts().read());
    assertEquals(61_920, february.quality().counts().kept());
    assertEquals(61_920, february.scoredTrips().rowsWritten());
    assertEquals(61_920, sql("SELECT count(*) FROM delta.`%s` WHERE month = '2021-02'", scoredPath()).getLong(0));
    Row quality = sql("SELECT rows_read, rows_kept, aggregate(map_values(rows_dropped), 0L, (a, b) -> a + b), "
        + "rows_dropped['pickup_outside_month'], null_share['trip_distance'], source_schema FROM delta.`%s` "
        + "WHERE taxi_type = 'green' AND month = '2021-02' AND job = 'score'", qualityPath());
    assertEquals(64_572, quality.getLong(0));
    assertEquals(61_920, quality.getLong(1));
    assertEquals(64_572 - 61_920, quality.getLong(2));
    assertEquals(2, quality.getLong(3));
    assertEquals(0.0, quality.getDouble(4));
    assertEquals("parquet/PU:bigint/pickup:timestamp_ntz", quality.getString(5));
    Row trained = sql("SELECT count(*), sum(rows_read) FROM delta.`%s` WHERE job = 'train'", qualityPath());
    assertEquals(2, trained.getLong(0)); // the training month 2021-01 and the validation month 2021-02
    assertEquals(76_518 + 64_572, trained.getLong(1));
  }

  @Test
  void rideIdsAreUniqueAcrossMonths() {
    Row r = sql("SELECT count(*), count(DISTINCT ride_id) FROM delta.`%s`", scoredPath());
    assertEquals(61_920 + march.quality().counts().kept(), r.getLong(0));
    assertEquals(r.getLong(0), r.getLong(1));
    assertEquals("green-2021-02-0", sql("SELECT min(ride_id) FROM delta.`%s` WHERE month = '2021-02'",
        scoredPath()).getString(0));
  }

  @Test
  void unseenPuDoGetsAFinitePrediction() {
    Row r = sql("SELECT count(*), sum(CASE WHEN isnan(predicted_duration) OR predicted_duration IS NULL "
        + "OR abs(predicted_duration) > 1e6 THEN 1 ELSE 0 END) FROM delta.`%s` WHERE NOT pu_do_seen", scoredPath());
    assertTrue(r.getLong(0) > 5_000, "unseen pairs in 2021-02: " + r.getLong(0));
    assertEquals(0L, r.getLong(1));
  }

  @Test
  void diffIsActualMinusPredicted() {
    Row r = sql("SELECT max(abs(diff - (actual_duration - predicted_duration))) FROM delta.`%s`", scoredPath());
    assertEquals(0.0, r.getDouble(0), 1e-12);
  }

  @Test
  void reportHasEveryDimensionAndItsOverallRowMatchesTheTrainSummary() {
    Set<String> dimensions = february.report().stream().map(ErrorMetrics::dimension).collect(Collectors.toSet());
    assertEquals(Arrays.stream(ReportDimension.values()).map(ReportDimension::id).collect(Collectors.toSet()), dimensions);
    Row overall = sql("SELECT n, rmse FROM delta.`%s` WHERE month = '2021-02' AND dimension = 'overall'", reportPath());
    assertEquals(61_920, overall.getLong(0));
    assertEquals(7.0113, overall.getDouble(1), 0.0005);
    Row seen = sql("SELECT sum(n) FROM delta.`%s` WHERE month = '2021-02' AND dimension = 'pu_do_seen'", reportPath());
    assertEquals(61_920, seen.getLong(0));
  }

  @Test
  void commitsCarryTheRunIdAndModelVersion() {
    Row last = io.delta.tables.DeltaTable.forPath(TestSpark.session(), scoredPath()).history()
        .where("version = " + march.scoredTrips().version()).select("userMetadata").first();
    assertTrue(last.getString(0).contains("\"model_version\":\"v1\""), last.getString(0));
    assertTrue(last.getString(0).contains("\"run_id\":\"score-"), last.getString(0));
  }

  @Test
  void reRunningAMonthReplacesExactlyThatMonth() {
    Dataset<Row> scoredBefore = TestSpark.session().read().format("delta").load(scoredPath())
        .drop("scored_at").cache();
    Dataset<Row> marchBefore = TestSpark.session().read().format("delta").load(scoredPath())
        .where("month = '2021-03'").cache();
    Dataset<Row> reportBefore = TestSpark.session().read().format("delta").load(reportPath()).cache();
    scoredBefore.count();
    marchBefore.count();
    reportBefore.count();

    ScoreJob.Result again = score(FEB);

    assertTrue(again.scoredTrips().version() > march.scoredTrips().version());
    Dataset<Row> scoredAfter = TestSpark.session().read().format("delta").load(scoredPath()).drop("scored_at");
    assertEquals(scoredBefore.count(), scoredAfter.count());
    assertEquals(0, scoredBefore.exceptAll(scoredAfter).count());
    assertEquals(0, scoredAfter.exceptAll(scoredBefore).count());
    Dataset<Row> marchAfter = TestSpark.session().read().format("delta").load(scoredPath()).where("month = '2021-03'");
    DataFrameAssertions.assertSameRows(marchBefore.orderBy("ride_id").limit(500), marchAfter.orderBy("ride_id").limit(500));
    assertEquals(marchBefore.count(), marchAfter.count());
    Dataset<Row> reportAfter = TestSpark.session().read().format("delta").load(reportPath());
    DataFrameAssertions.assertApproximatelyEqual(
        reportBefore.orderBy("month", "dimension", "segment"), reportAfter.orderBy("month", "dimension", "segment"), 1e-9);
  }

  @Test
  void int32ZoneIdsOf2023IndexExactlyLikeTheInt64IdsOfTraining() {
    SparkSession spark = TestSpark.session();
    ModelRegistry.SavedModel model = new ModelRegistry(settings.paths().modelRoot(), settings.model().name(),
        spark.sparkContext().hadoopConfiguration()).load(ModelRef.latest());
    Dataset<Row> feb2021 = indexed(model, YearMonth.of(2021, 2)); // INT64 ids, like training
    Dataset<Row> feb2023 = indexed(model, YearMonth.of(2023, 2)); // INT32 ids

    Dataset<Row> pairs2021 = feb2021.select("PU_DO", "PU_DO_index").distinct();
    Dataset<Row> pairs2023 = feb2023.select("PU_DO", "PU_DO_index").distinct();
    Dataset<Row> common = pairs2021.join(pairs2023.withColumnRenamed("PU_DO_index", "index_2023"), "PU_DO");
    assertTrue(common.count() > 3_000, "pairs present in both months: " + common.count()); // measured: 3,744
    assertEquals(0, common.where("PU_DO_index != index_2023").count());
    assertEquals(0, pairs2023.where("NOT PU_DO RLIKE '^[0-9]+_[0-9]+$'").count());

    // Unseen share (StringIndexer's unknown category): 2021-02, the validation month, has 8.5 %;
    // the same model on 2023-02 must stay within 1.5 times that (measured: 5.3 %).
    double unseen2021 = unseenShare(feb2021);
    double unseen2023 = unseenShare(feb2023);
    assertEquals(0.085, unseen2021, 0.001);
    assertTrue(unseen2023 > 0.01 && unseen2023 <= 1.5 * unseen2021, "2023-02 unseen share " + unseen2023);
  }

  @Test
  void scoredTablesAreIdenticalWhateverTheJvmAndSessionTimeZone() throws Exception {
    SparkSession spark = TestSpark.session();
    java.util.TimeZone jvmZone = java.util.TimeZone.getDefault();
    String sessionZone = spark.conf().get("spark.sql.session.timeZone");
    List<Dataset<Row>> scored = new java.util.ArrayList<>();
    List<Dataset<Row>> reports = new java.util.ArrayList<>();
    try {
      for (String zone : List.of("America/New_York", "Asia/Tokyo")) {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(zone));
        spark.conf().set("spark.sql.session.timeZone", zone);
        Path warehouse = java.nio.file.Files.createDirectories(work.resolve("tz-" + zone.replace('/', '-')));
        Settings zoned = TestSettings.withPaths(settings, TestSettings.realDataRoot(), warehouse);
        Settings sharedModels = zoned.withPaths(new Settings.Paths(zoned.paths().dataRoot(), zoned.paths().warehouseRoot(),
            settings.paths().modelRoot()));
        ScoreJob.Result r = ScoreJob.run(RunContext.open(spark, sharedModels, RunInfo.start("score")),
            new ScoreJob.Request(TaxiType.GREEN, FEB, ModelRef.latest()));
        scored.add(spark.read().format("delta").load(r.scoredTrips().path()).drop("scored_at").cache());
        reports.add(spark.read().format("delta").load(r.errorReport().path()).cache());
        scored.get(scored.size() - 1).count();
        reports.get(reports.size() - 1).count();
      }
    } finally {
      java.util.TimeZone.setDefault(jvmZone);
      spark.conf().set("spark.sql.session.timeZone", sessionZone);
    }
    assertEquals(61_920, scored.get(0).count());
    assertEquals(0, scored.get(0).exceptAll(scored.get(1)).count());
    assertEquals(0, scored.get(1).exceptAll(scored.get(0)).count());
    DataFrameAssertions.assertApproximatelyEqual(reports.get(0).orderBy("dimension", "segment"),
        reports.get(1).orderBy("dimension", "segment"), 1e-9);
    // And the same as the UTC run of the shared tables, hour by hour.
    Dataset<Row> utcHours = TestSpark.session().read().format("delta").load(reportPath())
        .where("month = '2021-02' AND dimension = 'hour_of_day'").select("segment", "n");
    assertEquals(0, utcHours.exceptAll(reports.get(0).where("dimension = 'hour_of_day'").select("segment", "n")).count());
  }

  private static Dataset<Row> indexed(ModelRegistry.SavedModel model, YearMonth month) {
    PreparedMonths input = PreparedMonths.load(TestSpark.session(), settings, FeatureSet.COURSE, TaxiType.GREEN, List.of(month));
    return model.model().transform(input.kept()).select("PU_DO", "PU_DO_index", "pu_do_seen").cache();
  }

  private static double unseenShare(Dataset<Row> indexed) {
    Row r = indexed.selectExpr("count(*)", "sum(CASE WHEN pu_do_seen THEN 0 ELSE 1 END)").first();
    return (double) r.getLong(1) / r.getLong(0);
  }

  private static ScoreJob.Result score(YearMonth month) {
    return ScoreJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, month, ModelRef.latest()));
  }

  private static Row sql(String template, Object... args) {
    return TestSpark.session().sql(String.format(template, args)).first();
  }

  /** The copy's tables (the results above name the shared state's, which this class never writes). */
  private static String scoredPath() {
    return table(march.scoredTrips());
  }

  private static String reportPath() {
    return table(march.errorReport());
  }

  private static String qualityPath() {
    return table(march.dataQuality());
  }

  private static String table(Warehouse.Commit commit) {
    return Path.of(settings.paths().warehouseRoot()).resolve(commit.table()).toString();
  }
}
