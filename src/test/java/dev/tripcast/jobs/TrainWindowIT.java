package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a window of months ({@code --train 2021-01..2021-02}) on the real green files of
 * {@code data/tlc}, validated on 2021-03. The course feature set with its back-off is pinned (one
 * cheap fit; the window, not the feature set, is under test). The card's row counts are checked
 * against counts this test takes from the Parquet files itself, with the default filters written
 * out in SQL, not through {@code TripFeatures}.
 */
class TrainWindowIT {
  private static final List<YearMonth> WINDOW = List.of(YearMonth.of(2021, 1), YearMonth.of(2021, 2));
  private static final YearMonth VALID = YearMonth.of(2021, 3);
  /**
   * What {@code train} prints for this window with reference.conf's course settings: 6.6510 (the
   * evaluation matrix's model trained on 2021-01 alone has 6.9502 on 2021-03). L-BFGS runs to
   * tol 1e-9 and the back-off is an exact solve, so only summation order can move it.
   */
  private static final double VALID_RMSE = 6.6510;
  private static final double TOLERANCE = 0.005; // 0.5 %

  @TempDir static Path work;
  private static ModelCard card;

  @BeforeAll
  static void trainOnTwoMonths() {
    Settings course = TestSettings.withFeatureSet(TestSettings.defaults(TestSettings.realDataRoot(), work), FeatureSet.COURSE);
    card = TrainJob.run(RunContext.open(TestSpark.session(), course, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, WINDOW, List.of(VALID))).saved().card();
  }

  @Test
  void cardListsBothTrainingMonthsAndTheirFilesWithIndependentlyCountedRows() {
    assertEquals(List.of("2021-01", "2021-02"), card.trainMonths());
    assertEquals(List.of("2021-03"), card.validMonths());
    assertEquals(List.of("train 2021-01", "train 2021-02", "valid 2021-03"),
        card.inputs().stream().map(f -> f.role() + " " + f.month()).toList());
    for (ModelCard.InputFile f : card.inputs()) {
      long[] readKept = countWithDefaultFilters(f.path(), f.month());
      assertEquals(readKept[0], f.rowsRead(), "rows read of " + f.path());
      assertEquals(readKept[1], f.rowsKept(), "rows kept of " + f.path());
      assertEquals(f.rowsRead() - f.rowsKept(), f.dropped().values().stream().mapToLong(Long::longValue).sum());
    }
    // the README's figures for the two months, trained on one at a time
    assertEquals(List.of(76_518L, 64_572L), card.inputs().subList(0, 2).stream().map(ModelCard.InputFile::rowsRead).toList());
    assertEquals(List.of(73_906L, 61_920L), card.inputs().subList(0, 2).stream().map(ModelCard.InputFile::rowsKept).toList());
    assertEquals(73_906 + 61_920, card.metrics().get("train").n());
  }

  @Test
  void validationRmseIsTheMeasuredOne() {
    Map<String, RegressionMetrics> m = card.metrics();
    assertEquals(card.inputs().get(2).rowsKept(), m.get("valid").n());
    assertEquals(VALID_RMSE, m.get("valid").rmse(), VALID_RMSE * TOLERANCE);
  }

  /**
   * Rows read and kept by the default filters (reference.conf: 1 ≤ duration ≤ 60 minutes, pickup in
   * the file's month, both times present, zone ids null or in 1–265, distance present and ≥ 0),
   * computed on the raw green columns under a UTC session, where wall clock and instant agree.
   */
  private static long[] countWithDefaultFilters(String path, String month) {
    SparkSession spark = TestSpark.session();
    String zone = spark.conf().get("spark.sql.session.timeZone");
    try {
      spark.conf().set("spark.sql.session.timeZone", "UTC");
      spark.read().parquet(path).createOrReplaceTempView("window_month");
      Row r = spark.sql("SELECT count(*), count_if("
          + "p IS NOT NULL AND d IS NOT NULL"
          + " AND (PULocationID IS NULL OR PULocationID BETWEEN 1 AND 265)"
          + " AND (DOLocationID IS NULL OR DOLocationID BETWEEN 1 AND 265)"
          + " AND trip_distance IS NOT NULL AND trip_distance >= 0"
          + " AND date_format(p, 'yyyy-MM') = '" + month + "'"
          + " AND (unix_micros(d) - unix_micros(p)) BETWEEN 60000000 AND 3600000000)"
          + " FROM (SELECT CAST(lpep_pickup_datetime AS TIMESTAMP) AS p, CAST(lpep_dropoff_datetime AS TIMESTAMP) AS d,"
          + " PULocationID, DOLocationID, trip_distance FROM window_month)").first();
      return new long[] {r.getLong(0), r.getLong(1)};
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
