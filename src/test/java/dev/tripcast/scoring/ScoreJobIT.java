package dev.tripcast.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.testing.DataFrameAssertions;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the real green 2021-02 and 2021-03 months with a model trained on 2021-01. The training
 * and the 2021-02 scoring are the shared {@link LocalReference} run (the same job, run once per
 * test JVM), copied here; this class scores 2021-03 and re-runs 2021-02 on the copy.
 */
class ScoreJobIT {
  private static final YearMonth FEB = YearMonth.of(2021, 2);
  private static final YearMonth MAR = YearMonth.of(2021, 3);

  @TempDir static Path work;
  private static Settings settings;
  private static ScoreJob.Result february;
  private static ScoreJob.Result march;

  @BeforeAll
  static void trainThenScoreTwoMonths() {
    LocalReference reference = LocalReference.get();
    reference.copyTo(work);
    settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    february = reference.february();
    march = score(MAR);
  }

  @Test
  void everyReadRowIsScoredOrCountedAsDropped() {
    assertEquals(64_572, february.counts().read());
    assertEquals(61_920, february.counts().kept());
    assertEquals(61_920, february.scoredTrips().rowsWritten());
    assertEquals(61_920, sql("SELECT count(*) FROM delta.`%s` WHERE service_month = '2021-02'", scoredPath()).getLong(0));
    Row quality = sql("SELECT sum(rows), sum(CASE WHEN outcome = 'kept' THEN rows END) FROM delta.`%s` "
        + "WHERE taxi_type = 'green' AND month = '2021-02'", qualityPath());
    assertEquals(64_572, quality.getLong(0));
    assertEquals(61_920, quality.getLong(1));
  }

  @Test
  void rideIdsAreUniqueAcrossMonths() {
    Row r = sql("SELECT count(*), count(DISTINCT ride_id) FROM delta.`%s`", scoredPath());
    assertEquals(61_920 + march.counts().kept(), r.getLong(0));
    assertEquals(r.getLong(0), r.getLong(1));
    assertEquals("green-2021-02-0", sql("SELECT min(ride_id) FROM delta.`%s` WHERE service_month = '2021-02'",
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
    Set<String> dimensions = february.report().stream().map(row -> row.<String>getAs("dimension")).collect(Collectors.toSet());
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
        .where("service_month = '2021-03'").cache();
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
    Dataset<Row> marchAfter = TestSpark.session().read().format("delta").load(scoredPath()).where("service_month = '2021-03'");
    DataFrameAssertions.assertSameRows(marchBefore.orderBy("ride_id").limit(500), marchAfter.orderBy("ride_id").limit(500));
    assertEquals(marchBefore.count(), marchAfter.count());
    Dataset<Row> reportAfter = TestSpark.session().read().format("delta").load(reportPath());
    DataFrameAssertions.assertApproximatelyEqual(
        reportBefore.orderBy("month", "dimension", "segment"), reportAfter.orderBy("month", "dimension", "segment"), 1e-9);
  }

  private static ScoreJob.Result score(YearMonth month) {
    return ScoreJob.run(TestSpark.session(), settings, new ScoreJob.Request(TaxiType.GREEN, month, "latest"),
        RunInfo.start("score"));
  }

  private static Row sql(String template, Object... args) {
    return TestSpark.session().sql(String.format(template, args)).first();
  }

  private static String scoredPath() {
    return march.scoredTrips().path();
  }

  private static String reportPath() {
    return march.errorReport().path();
  }

  private static String qualityPath() {
    return march.dataQuality().path();
  }
}
