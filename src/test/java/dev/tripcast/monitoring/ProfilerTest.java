package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Profiler} and {@link DriftComparison} on generated trips in memory: a reference, an
 * unshifted month from the same generator (fires nothing) and the same month with durations ×
 * 1.5 (fires duration's drift), with the Wasserstein distance checked against the exact one of the
 * two samples computed on the driver.
 */
class ProfilerTest {
  static final StructType TRIPS = StructType.fromDDL("trip_distance DOUBLE, duration DOUBLE, prediction DOUBLE,"
      + " PULocationID INT, DOLocationID INT, PU_DO STRING, pu_do_unseen BOOLEAN, pickup_date DATE");
  static final MonitoringParams PARAMS = TestSettings.defaults(Path.of("data"), Path.of("work")).monitoring();

  static Dataset<Row> reference;
  static Dataset<Row> month;
  static Dataset<Row> shifted;
  static ReferenceProfile profile;

  @BeforeAll
  static void profileReference() {
    reference = trips(1, 3000, 1.0);
    month = trips(2, 3000, 1.0);
    shifted = trips(2, 3000, 1.5);
    profile = new ReferenceProfile(Profiler.binning(reference, PARAMS),
        Profiler.reference(reference, Profiler.binning(reference, PARAMS), PARAMS),
        0.0, 3000);
  }

  @Test
  void referenceHasDecileBinsAndFullSketch() {
    WindowProfile.Numeric distance = profile.reference().numeric().get("trip_distance");
    assertEquals(9, profile.binning().edges().get("trip_distance").length);
    assertEquals(PARAMS.quantiles(), distance.quantiles().length);
    assertEquals(3000, distance.present());
    for (long n : distance.binCounts()) {
      assertEquals(300, n, 15, "decile bins of the reference hold a tenth of it each");
    }
    assertEquals(20, profile.binning().knownCategories().get("PULocationID").size());
  }

  @Test
  void aColumnTheLayoutLacksIsAllMissingNotAnError() {
    // FHV has no trip_distance: every value null, so the reference has no bin edges for it.
    Dataset<Row> fhv = reference.withColumn("trip_distance", org.apache.spark.sql.functions.lit(null).cast("double"));
    Binning binning = Profiler.binning(fhv, PARAMS);
    WindowProfile.Numeric distance = Profiler.reference(fhv, binning, PARAMS).numeric().get("trip_distance");

    assertEquals(0, binning.edges().get("trip_distance").length);
    assertEquals(3000, distance.missing());
    assertEquals(0, distance.present());
    assertEquals(0, distance.quantiles().length);
  }

  @Test
  void unshiftedMonthFiresNothing() {
    List<DriftMetric> metrics = DriftComparison.compare(profile, windows(month), PARAMS.thresholds());
    List<DriftMetric> fired = metrics.stream()
        .filter(m -> m.granularity().equals(DriftMetric.MONTH) && m.drifted()).toList();
    assertEquals(List.of(), fired);
  }

  @Test
  void durationsTimesOneAndAHalfFireDurationDriftOnly() {
    List<WindowProfile> windows = windows(shifted);
    List<DriftMetric> month = DriftComparison.compare(profile, windows, PARAMS.thresholds()).stream()
        .filter(m -> m.granularity().equals(DriftMetric.MONTH)).toList();
    DriftMetric wasserstein = find(month, "duration", DriftComparison.NORMED_WASSERSTEIN);
    assertTrue(wasserstein.drifted());
    assertTrue(find(month, "duration", DriftComparison.PSI).drifted());
    assertFalse(find(month, "trip_distance", DriftComparison.NORMED_WASSERSTEIN).drifted());
    assertFalse(find(month, "PU_DO", DriftComparison.JENSEN_SHANNON).drifted());
    // 1 of 6 columns drifted: not the dataset
    assertEquals(1.0 / 6, find(month, DriftMetric.DATASET, DriftComparison.DRIFTED_COLUMN_SHARE).value(), 1e-12);

    double[] ref = column(reference, "duration");
    double[] cur = column(shifted, "duration");
    double exact = DriftStatisticsTest.areaBetweenCdfs(ref, cur) / std(ref);
    assertEquals(exact, wasserstein.value(), exact * 0.02, "sketch-based vs exact normed Wasserstein");
  }

  @Test
  void daysAreProfiledAndComparedWithTheDayBefore() {
    List<WindowProfile> windows = windows(month);
    assertEquals(1 + 28, windows.size());
    assertEquals("2021-02", windows.get(0).window());
    assertEquals("2021-02-01", windows.get(1).window());
    assertEquals(3000, windows.subList(1, windows.size()).stream().mapToLong(WindowProfile::rows).sum());
    List<DriftMetric> metrics = DriftComparison.compare(profile, windows, PARAMS.thresholds());
    assertTrue(metrics.stream().anyMatch(m -> m.window().equals("2021-02-02")
        && m.comparedTo().equals(DriftMetric.PREVIOUS_WINDOW)));
    assertFalse(metrics.stream().anyMatch(m -> m.window().equals("2021-02-01")
        && m.comparedTo().equals(DriftMetric.PREVIOUS_WINDOW)), "the first day has no previous window in the month");
  }

  @Test
  void profileRoundTripsThroughJson(@TempDir Path dir) {
    profile.save(dir.toString(), TestSpark.session().sparkContext().hadoopConfiguration());
    ReferenceProfile back = ReferenceProfile.load(dir.toString(), TestSpark.session().sparkContext().hadoopConfiguration());
    assertArrayEquals(profile.binning().edges().get("duration"), back.binning().edges().get("duration"));
    assertArrayEquals(profile.reference().numeric().get("duration").quantiles(),
        back.reference().numeric().get("duration").quantiles());
    assertEquals(profile.reference().categorical(), back.reference().categorical());
    assertEquals(profile.binning().topCategories(), back.binning().topCategories());
  }

  private static List<WindowProfile> windows(Dataset<Row> trips) {
    return Profiler.profile(trips, profile.binning(), profile.fineEdges(), PARAMS, "2021-02", true);
  }

  private static DriftMetric find(List<DriftMetric> metrics, String column, String statistic) {
    return metrics.stream().filter(m -> m.column().equals(column) && m.statistic().equals(statistic)
        && m.comparedTo().equals(DriftMetric.BASELINE)).findFirst().orElseThrow();
  }

  /** Trips from one generator: distance ~ Exp(mean 3 mi), duration = 4 + 3·distance + noise (× factor). */
  static Dataset<Row> trips(long seed, int n, double durationFactor) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double distance = random.nextExponential() * 3;
      double prediction = 4 + 3 * distance;
      double duration = Math.max(1, prediction + random.nextGaussian() * 3) * durationFactor;
      int pu = 1 + (int) Math.min(19, Math.abs(random.nextGaussian()) * 6);
      int dropoff = 1 + random.nextInt(20);
      rows.add(RowFactory.create(distance, duration, prediction, pu, dropoff, pu + "_" + dropoff, false,
          Date.valueOf(LocalDate.of(2021, 2, 1 + i % 28))));
    }
    return TestSpark.session().createDataFrame(rows, TRIPS);
  }

  private static double[] column(Dataset<Row> trips, String c) {
    return trips.select(c).collectAsList().stream().mapToDouble(r -> r.getDouble(0)).sorted().toArray();
  }

  private static double std(double[] x) {
    double mean = Arrays.stream(x).average().orElseThrow();
    return Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / x.length);
  }
}
