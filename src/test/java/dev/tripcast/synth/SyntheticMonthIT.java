package dev.tripcast.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic months resampled from the real green 2021-01 (76,518 trips). */
class SyntheticMonthIT {
  private static final long ROWS = 100_003;
  private static final YearMonth SOURCE = YearMonth.of(2021, 1);
  private static final YearMonth TARGET = YearMonth.of(2031, 1);
  private static final String NAME = "green_tripdata_2031-01.parquet";
  /** The trip as resampled: every source column but the two timestamps, plus the duration in microseconds. */
  private static final String[] TRIP = {"VendorID", "store_and_fwd_flag", "RatecodeID", "PULocationID", "DOLocationID",
      "passenger_count", "trip_distance", "fare_amount", "extra", "mta_tax", "tip_amount", "tolls_amount", "ehail_fee",
      "improvement_surcharge", "total_amount", "payment_type", "trip_type", "congestion_surcharge",
      "timestampdiff(MICROSECOND, lpep_pickup_datetime, lpep_dropoff_datetime) AS duration_micros"};

  @TempDir static Path work;
  private static Settings settings;
  private static SyntheticMonth.Result seed42;
  private static SyntheticMonth.Result seed42Again;
  private static SyntheticMonth.Result seed7;
  private static Dataset<Row> source;
  private static Dataset<Row> synthetic;

  @BeforeAll
  static void writeThreeMonths() {
    SparkSession spark = TestSpark.session();
    settings = TestSettings.defaults(TestSettings.realDataRoot(), work);
    seed42 = write(work.resolve("a"), 42);
    seed42Again = write(work.resolve("b"), 42);
    seed7 = write(work.resolve("c"), 7);
    source = spark.read().parquet(seed42.source().path());
    synthetic = spark.read().parquet(seed42.file()).cache();
  }

  @Test
  void theFileHasExactlyTheRowsAskedForAndTheSourceLayout() {
    assertEquals(ROWS, synthetic.count());
    assertEquals(ROWS, seed42.rows());
    assertEquals(76_518, seed42.sourceRows());
    assertEquals(describe(source), describe(synthetic));
    assertTrue(seed42.file().endsWith("/a/synthetic/" + NAME), seed42.file());
  }

  @Test
  void everyPickupLiesInTheTargetMonth() {
    Row r = synthetic.selectExpr("count(lpep_pickup_datetime)", "min(lpep_pickup_datetime)",
        "max(lpep_pickup_datetime)", "sum(CASE WHEN year(lpep_pickup_datetime) = 2031 AND month(lpep_pickup_datetime) = 1"
            + " THEN 0 ELSE 1 END)").first();
    assertEquals(ROWS, r.getLong(0));
    assertTrue(r.get(1).toString().startsWith("2031-01-01"), r.get(1).toString());
    assertTrue(r.get(2).toString().startsWith("2031-01-31"), r.get(2).toString());
    assertEquals(0, r.getLong(3));
  }

  @Test
  void everySyntheticTripIsARealTripWithItsRealDuration() {
    Dataset<Row> real = source.selectExpr(TRIP);
    Dataset<Row> drawn = synthetic.selectExpr(TRIP);
    assertEquals(0, drawn.except(real).count(), "synthetic trips that are not real ones");
    // Bootstrap of 100,003 from 76,518: 1 - e^(-100003/76518) = 72.9 % of the source rows appear.
    double shareDrawn = (double) drawn.distinct().count() / real.distinct().count();
    assertEquals(0.729, shareDrawn, 0.01);
  }

  @Test
  void durationDistanceAndZoneDistributionsMatchTheSource() {
    String[] stats = {"percentile(timestampdiff(SECOND, lpep_pickup_datetime, lpep_dropoff_datetime), array(0.1, 0.5, 0.9))",
        "avg(trip_distance)", "avg(CASE WHEN PULocationID = 74 THEN 1D ELSE 0D END)"};
    Row real = source.selectExpr(stats).first();
    Row drawn = synthetic.selectExpr(stats).first();
    List<Double> realDurations = real.getList(0);
    List<Double> drawnDurations = drawn.getList(0);
    for (int i = 0; i < 3; i++) {
      assertEquals(realDurations.get(i), drawnDurations.get(i), 0.03 * realDurations.get(i), "duration decile " + i);
    }
    assertEquals(real.getDouble(1), drawn.getDouble(1), 0.05 * real.getDouble(1), "mean distance");
    assertEquals(real.getDouble(2), drawn.getDouble(2), 0.005, "share of pickups in zone 74 (East Harlem North)");
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherTrips() throws IOException {
    assertArrayEquals(sha256(seed42.file()), sha256(seed42Again.file()));
    assertFalse(Arrays.equals(sha256(seed42.file()), sha256(seed7.file())));
    Dataset<Row> other = TestSpark.session().read().parquet(seed7.file());
    assertEquals(ROWS, other.count());
    // Two independent bootstraps of 100,003 from 76,518 rows share sum(min(X, Y)) rows, X, Y ~ Poisson(1.307):
    // 53,254 expected, so 46,749 of one are not in the other.
    assertEquals(46_749, synthetic.exceptAll(other).count(), 1_000);
  }

  @Test
  void theManifestSaysWhatTheFileIs() throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(work.resolve("a/synthetic/_SYNTHETIC.json").toFile());
    assertTrue(manifest.get("synthetic").asBoolean());
    assertTrue(manifest.get("description").asText().startsWith("NOT TLC DATA"));
    JsonNode entry = manifest.get("files").get(NAME);
    assertEquals(ROWS, entry.get("rows").asLong());
    assertEquals(42, entry.get("seed").asLong());
    assertEquals("2021-01", entry.get("source_month").asText());
    assertEquals(seed42.source().path(), entry.get("source_file").asText());
    assertEquals(76_518, entry.get("source_rows").asLong());
    assertEquals(Files.size(Path.of(java.net.URI.create(seed42.file()))), entry.get("size_bytes").asLong());
    assertNotEquals("", entry.get("created_at").asText());
  }

  @Test
  void theFolderIsADataRootTripcastReadsLikeARealMonth() {
    Settings synthRoot = TestSettings.withPaths(settings, work.resolve("a/synthetic"), work.resolve("read"));
    PreparedMonths months = PreparedMonths.load(TestSpark.session(), synthRoot, FeatureSet.COURSE, TaxiType.GREEN,
        List.of(TARGET));
    MonthQuality q = months.quality().get(0);
    assertEquals(ROWS, q.counts().read());
    assertEquals(0, q.counts().dropped().get(dev.tripcast.features.DropReason.PICKUP_OUTSIDE_MONTH));
    assertEquals("parquet/PU:bigint/pickup:timestamp_ntz", q.sourceSchema());
    // The real month keeps 96.6 % of its trips (73,906 of 76,518); a resample keeps about as many.
    assertEquals(73_906 / 76_518.0, (double) q.counts().kept() / ROWS, 0.005);
  }

  @Test
  void anOutputFolderInsideTheDataRootIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path dataRoot = Files.createDirectories(work.resolve("real"));
    Settings s = TestSettings.withPaths(settings, dataRoot, work.resolve("unused"));
    for (Path out : List.of(dataRoot, dataRoot.resolve("scratch"), dataRoot.resolve("x/../y"))) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> SyntheticMonth.write(TestSpark.session(), s,
          new SyntheticMonth.Request(TaxiType.GREEN, SOURCE, TARGET, 10, 42, out.toString()), RunInfo.start("synth")));
      assertTrue(e.getMessage().startsWith("refusing to write synthetic trips to " + out.normalize().resolve("synthetic")),
          e.getMessage());
      assertTrue(e.getMessage().contains("inside paths.data-root " + dataRoot), e.getMessage());
    }
    // The data root being the synthetic folder itself is refused too; a sibling folder is fine.
    assertThrows(InvalidInputException.class,
        () -> SyntheticMonth.requireOutsideDataRoot(work.resolve("sib/synthetic").toString(), work.resolve("sib").toString(),
            TestSpark.session().sparkContext().hadoopConfiguration()));
    SyntheticMonth.requireOutsideDataRoot(dataRoot.toString(), work.resolve("elsewhere").toString(),
        TestSpark.session().sparkContext().hadoopConfiguration());
    try (var files = Files.list(dataRoot)) {
      assertEquals(0, files.count(), "nothing may be written under the data root");
    }
  }

  private static SyntheticMonth.Result write(Path out, long seed) {
    return SyntheticMonth.write(TestSpark.session(), settings,
        new SyntheticMonth.Request(TaxiType.GREEN, SOURCE, TARGET, ROWS, seed, out.toString()), RunInfo.start("synth"));
  }

  private static List<String> describe(Dataset<Row> d) {
    return Arrays.stream(d.schema().fields()).map(f -> f.name() + " " + f.dataType().simpleString()).toList();
  }

  private static byte[] sha256(String uri) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(Path.of(java.net.URI.create(uri))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
