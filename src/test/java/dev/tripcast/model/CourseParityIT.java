package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.features.TripFeatures;
import dev.tripcast.ingest.MonthLocator;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripReader;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with the MLOps course on the real green 2021-01 (train) and 2021-02 (validation) files.
 * Reference figures: the course's model (DictVectorizer + LinearRegression on PU_DO and
 * trip_distance) solved to convergence on these exact files.
 */
class CourseParityIT {
  private static final YearMonth JAN = YearMonth.of(2021, 1);
  private static final YearMonth FEB = YearMonth.of(2021, 2);
  private static final double TOLERANCE = 0.005; // 0.5 %

  @TempDir static Path work;
  private static TrainJob.Result result;

  @BeforeAll
  static void trainOnTheCourseMonths() {
    Settings course = TestSettings.course(TestSettings.realDataRoot(), work);
    result = TrainJob.run(RunContext.open(TestSpark.session(), course, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(JAN), List.of(FEB)));
  }

  @Test
  void keepsExactlyTheCoursesRows() {
    assertEquals(76_518, result.train().get(0).read());
    assertEquals(73_908, result.train().get(0).kept());
    assertEquals(64_572, result.valid().get(0).read());
    assertEquals(61_921, result.valid().get(0).kept());
  }

  @Test
  void reachesTheExactLeastSquaresOptimumOnTrain() {
    RegressionMetrics train = metrics().get("train");
    assertEquals(73_908, train.n());
    assertWithin(4.6407, train.rmse());
  }

  @Test
  void predictsLikeTheCourseWherePuDoWasSeen() {
    RegressionMetrics seen = metrics().get("valid_seen");
    RegressionMetrics valid = metrics().get("valid");
    assertWithin(6.5346, seen.rmse());
    assertEquals(0.915, (double) seen.n() / valid.n(), 0.001);
  }

  @Test
  void backoffForUnseenPuDoBeatsTheCoursesOverallRmseWithoutTouchingSeenRows() {
    Map<String, RegressionMetrics> m = metrics();
    // Course notebook: 7.48 overall. Plain MLlib fit (no back-off): unseen ~19.8, overall ~8.51.
    assertTrue(m.get("valid").rmse() <= 7.48, "valid RMSE " + m.get("valid").rmse());
    assertEquals(19.8, m.get("valid_unseen_without_backoff").rmse(), 0.1);
    assertEquals(8.51, m.get("valid_without_backoff").rmse(), 0.02);
    assertTrue(m.get("valid_unseen").rmse() < 12.0, "unseen RMSE " + m.get("valid_unseen").rmse());
  }

  @Test
  void recordsTheModelShapeAndConvergence() {
    ModelCard card = result.saved().card();
    assertEquals(13_220, card.puDoVocabularySize());
    assertEquals(13_221, card.numFeatures());
    assertEquals("l-bfgs", card.training().solver());
    assertTrue(card.training().iterations() < 100, "L-BFGS must converge before max-iter");
    assertEquals("v1", card.version());
    assertEquals(List.of("2021-01"), card.trainMonths());
    assertEquals(1_333_519, card.inputs().get(0).sizeBytes());
  }

  @Test
  void productionFiltersAlsoDropPickupsOutsideTheMonth() {
    SparkSession spark = TestSpark.session();
    Settings defaults = TestSettings.defaults(TestSettings.realDataRoot(), work);
    MonthLocator locator = new MonthLocator(defaults.paths().dataRoot(), spark.sparkContext().hadoopConfiguration());
    DropCounts jan = MonthQuality.compute(TripFeatures.prepare(
        TripReader.read(spark, locator.locate(TaxiType.GREEN, List.of(JAN)), FeatureSet.COURSE.requiredColumns()),
        defaults.filters(), FeatureSet.COURSE))
        .get(0).counts();
    // Two 2009-01-01 pickups and one 2020-12-31 pickup; two of them would pass the duration filter.
    assertEquals(3L, jan.dropped().get(DropReason.PICKUP_OUTSIDE_MONTH));
    assertEquals(73_906, jan.kept());
    assertEquals(76_518, jan.read());
  }

  private static Map<String, RegressionMetrics> metrics() {
    return result.saved().card().metrics();
  }

  private static void assertWithin(double reference, double actual) {
    assertEquals(reference, actual, reference * TOLERANCE, "expected within 0.5% of " + reference);
  }
}
