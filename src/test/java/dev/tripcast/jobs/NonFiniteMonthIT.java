package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import dev.tripcast.testing.SmallMonths;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-finite distances, end to end: green months written by the test whose
 * {@code trip_distance} holds NaN, +Infinity and −Infinity (Parquet doubles, and CSV text
 * {@code NaN}/{@code Infinity}/{@code -Infinity}) are trained on and scored. Each bad row is
 * counted as {@code non_finite_value}, in training and scoring alike, the month is scored and
 * its RMSE is finite. Before the rule, {@code score} aborted in VectorAssembler (exit 1).
 */
class NonFiniteMonthIT {
  /** Good trips per month; each month also holds one NaN, one +Infinity and one −Infinity distance. */
  private static final int GOOD = 30;

  @TempDir static Path dataRoot;
  @TempDir static Path work;
  private static Settings settings;
  private static TrainJob.Result trained;

  @BeforeAll
  static void writeMonthsAndTrain() {
    TestSpark.session();
    TlcFiles files = new TlcFiles(dataRoot);
    files.parquet(TlcLayout.GREEN_S2, "2021-01", SmallMonths.withNonFiniteDistances("2021-01", GOOD));
    files.parquet(TlcLayout.GREEN_S2, "2021-02", SmallMonths.withNonFiniteDistances("2021-02", GOOD));
    files.parquet(TlcLayout.GREEN_S2, "2021-03", SmallMonths.withNonFiniteDistances("2021-03", GOOD));
    files.csv(TlcLayout.GREEN_S2, "2021-04", SmallMonths.withNonFiniteDistances("2021-04", GOOD));
    Settings defaults = TestSettings.defaults(dataRoot, work);
    // The course model: its distance is a plain feature, and it trains on 30 trips in seconds.
    settings = defaults.withModel(defaults.model().withFeatureSet(FeatureSet.COURSE));
    trained = TrainJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN,
        List.of(YearMonth.of(2021, 1)), List.of(YearMonth.of(2021, 2))));
  }

  @Test
  void trainingCountsNonFiniteDistancesInBothItsMonths() {
    assertCounts(trained.train().get(0));
    assertCounts(trained.valid().get(0));
  }

  @Test
  void parquetMonthWithNanAndInfinitiesIsScoredWithAFiniteRmse() {
    assertScored(YearMonth.of(2021, 3));
  }

  @Test
  void csvMonthWithTheTextNanAndInfinityIsScoredWithAFiniteRmse() {
    assertScored(YearMonth.of(2021, 4));
  }

  private static void assertScored(YearMonth month) {
    ScoreJob.Result r = ScoreJob.run(RunContext.open(TestSpark.session(), settings, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, month, ModelRef.latest()));

    assertCounts(r.quality().counts());
    assertEquals(GOOD, r.scoredTrips().rowsWritten());
    ErrorMetrics overall = r.report().stream().filter(m -> m.dimension().equals("overall")).findFirst().orElseThrow();
    assertEquals(GOOD, overall.n());
    assertTrue(Double.isFinite(overall.rmse()) && Double.isFinite(overall.mae()), overall.toString());
    Row stored = TestSpark.session().read().format("delta").load(r.dataQuality().path())
        .where("month = '" + month + "' AND job = 'score'")
        .selectExpr("rows_read", "rows_kept", "rows_dropped['non_finite_value']").first();
    assertEquals(List.of((long) GOOD + 3, (long) GOOD, 3L), List.of(stored.get(0), stored.get(1), stored.get(2)));
    long nonFinitePredictions = TestSpark.session().read().format("delta").load(r.scoredTrips().path())
        .where("month = '" + month + "' AND (isnan(predicted_duration) OR abs(predicted_duration) = double('inf'))")
        .count();
    assertEquals(0, nonFinitePredictions);
  }

  private static void assertCounts(DropCounts counts) {
    assertEquals(GOOD + 3, counts.read(), counts.toString());
    assertEquals(GOOD, counts.kept(), counts.toString());
    assertEquals(3L, counts.dropped().get(DropReason.NON_FINITE_VALUE), counts.toString());
    assertEquals(3L, counts.droppedTotal(), counts.toString());
  }
}
