package dev.tripcast.jobs;

import static dev.tripcast.testing.TlcTrip.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import dev.tripcast.testing.TlcTrip;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's first failure, end to end: green months written by the test whose
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
    files.parquet(TlcLayout.GREEN_S2, "2021-01", month("2021-01"));
    files.parquet(TlcLayout.GREEN_S2, "2021-02", month("2021-02"));
    files.parquet(TlcLayout.GREEN_S2, "2021-03", month("2021-03"));
    files.csv(TlcLayout.GREEN_S2, "2021-04", month("2021-04"));
    settings = TestSettings.defaults(dataRoot, work);
    trained = TrainJob.run(TestSpark.session(), settings, new TrainJob.Request(TaxiType.GREEN,
        List.of(YearMonth.of(2021, 1)), List.of(YearMonth.of(2021, 2))), RunInfo.start("train"));
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
    ScoreJob.Result r = ScoreJob.run(TestSpark.session(), settings,
        new ScoreJob.Request(TaxiType.GREEN, month, ModelRef.latest()), RunInfo.start("score"));

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

  /** {@link #GOOD} plausible trips over four zone pairs (duration 3 + 4 minutes a mile), then the three bad ones. */
  private static List<TlcTrip> month(String month) {
    List<TlcTrip> trips = new ArrayList<>();
    int[][] pairs = {{74, 75}, {75, 74}, {41, 42}, {82, 129}};
    for (int i = 0; i < GOOD; i++) {
      double miles = 0.5 + (i % 7) * 0.8;
      int[] pair = pairs[i % pairs.length];
      trips.add(trip(month + "-1" + (i % 9) + "T0" + (i % 10) + ":15:00", Math.round((3 + 4 * miles) * 60),
          pair[0], pair[1], miles));
    }
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      trips.add(trip(month + "-20T12:00:00", 600, 74, 75, bad));
    }
    return trips;
  }
}
