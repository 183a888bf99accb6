package dev.tripcast.features;

import static dev.tripcast.testing.TlcTrip.between;
import static dev.tripcast.testing.TlcTrip.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.jobs.RunContext;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.model.ModelRef;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.model.ModelParams;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.ingest.MonthFile;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.ingest.TripReader;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.reports.DistanceBuckets;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import dev.tripcast.testing.TlcTrip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FHV, the layout without a distance: hand-made FHV months with DOUBLE {@code PUlocationID} and
 * {@code DOlocationID} full of nulls. The course feature set is refused for FHV; the homework set
 * reads, trains and scores it end to end, trips without a zone included (the "unknown zone" -1),
 * while a trip without a pickup or dropoff time is dropped.
 */
class FeatureSetsIT {
  private static final String COURSE_REFUSED = "feature set 'course' needs trip_distance, which the fhv layout "
      + "does not have (set tripcast.model.feature-set = homework)";

  /** The pickup-zone part of the duration of a trip without a pickup zone, minutes. */
  private static final int UNKNOWN_ZONE_MINUTES = 9;

  @TempDir static Path dataRoot;
  private static TlcFiles files;
  private static SparkSession spark;

  @TempDir Path work;

  @BeforeAll
  static void writeFhvMonths() {
    spark = TestSpark.session();
    files = new TlcFiles(dataRoot);
    files.parquet(TlcLayout.FHV, "2021-01",
        trip("2021-01-04T08:00:00", 600, 132, 45, null),
        trip("2021-01-04T08:05:00", 600, null, 45, null),
        trip("2021-01-04T08:10:00", 600, 132, null, null),
        trip("2021-01-04T08:15:00", 600, null, null, null),
        trip("2021-01-04T08:20:00", 900, 61, 61, null),
        trip("2021-01-04T08:25:00", 1200, 264, 132, null),
        between(null, "2021-01-04T08:40:00", 132, 45, null),
        between("2021-01-04T08:35:00", null, null, 45, null));
    List<TlcTrip> february = new ArrayList<>(zoneTrips("2021-02", 60));
    february.add(between("2021-02-03T09:00:00", null, 10, 50, null));
    files.parquet(TlcLayout.FHV, "2021-02", february);
    files.parquet(TlcLayout.FHV, "2021-03", zoneTrips("2021-03", 30));
  }

  @Test
  void doubleLocationIdsBecomeIntegersAndFhvHasNoDistanceOrFares() {
    MonthFile file = files.locate(TaxiType.FHV, "2021-01");

    List<Row> rows = TripReader.readMonth(spark, file).orderBy(TripColumns.SOURCE_ROW).limit(2).collectAsList();

    assertEquals(List.of(
        RowFactory.create("fhv", "2021-01", file.path(), 0L, "parquet/PU:double/pickup:timestamp_ntz",
            LocalDateTime.parse("2021-01-04T08:00:00"), LocalDateTime.parse("2021-01-04T08:10:00"), 132, 45,
            null, null, null, null, null),
        RowFactory.create("fhv", "2021-01", file.path(), 1L, "parquet/PU:double/pickup:timestamp_ntz",
            LocalDateTime.parse("2021-01-04T08:05:00"), LocalDateTime.parse("2021-01-04T08:15:00"), null, 45,
            null, null, null, null, null)),
        rows);
  }

  @Test
  void missingZonesAreKeptAsMinusOneAndNullTimesDroppedUnderTheHomeworkFeatureSet() {
    PreparedMonths fhv = PreparedMonths.load(spark, TestSettings.defaults(dataRoot, work), FeatureSet.HOMEWORK,
        TaxiType.FHV, List.of(YearMonth.of(2021, 1)));

    DropCounts counts = fhv.counts().get(0);
    assertEquals(8, counts.read());
    assertEquals(6, counts.kept());
    assertEquals(2L, counts.dropped().get(DropReason.NULL_TIMESTAMP));
    assertEquals(2, counts.dropped().values().stream().mapToLong(Long::longValue).sum());
    Map<Long, String> model = new LinkedHashMap<>();
    for (Row r : fhv.kept().orderBy(TripColumns.SOURCE_ROW)
        .select(TripColumns.SOURCE_ROW, FeatureColumns.PU_DO, TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID)
        .collectAsList()) {
      model.put(r.getLong(0), r.getString(1) + " " + r.getInt(2) + " " + r.getInt(3));
    }
    assertEquals(Map.of(0L, "132_45 132 45", 1L, "-1_45 -1 45", 2L, "132_-1 132 -1", 3L, "-1_-1 -1 -1",
        4L, "61_61 61 61", 5L, "264_132 264 132"), model);
    assertEquals(1.0, fhv.quality().get(0).nullShare().get(TripColumns.TRIP_DISTANCE));
    assertEquals(3 / 8.0, fhv.quality().get(0).nullShare().get(TripColumns.PU_LOCATION_ID));
    assertEquals(1 / 8.0, fhv.quality().get(0).unknownZoneShare());
  }

  @Test
  void courseFeatureSetIsRefusedForFhvNamingTheMissingColumnAndNothingIsWritten() {
    Settings course = TestSettings.withFeatureSet(TestSettings.defaults(dataRoot, work), FeatureSet.COURSE);

    InvalidInputException direct = assertThrows(InvalidInputException.class,
        () -> FeatureSet.COURSE.requireSupportedBy(TaxiType.FHV));
    InvalidInputException load = assertThrows(InvalidInputException.class, () -> PreparedMonths.load(
        spark, course, FeatureSet.COURSE, TaxiType.FHV, List.of(YearMonth.of(2021, 1))));
    InvalidInputException train = assertThrows(InvalidInputException.class, () -> TrainJob.run(
            RunContext.open(spark, course, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.FHV, List.of(YearMonth.of(2021, 2)), List.of(YearMonth.of(2021, 3)))));

    assertEquals(COURSE_REFUSED, direct.getMessage());
    assertEquals(COURSE_REFUSED, load.getMessage());
    assertEquals(COURSE_REFUSED, train.getMessage());
    assertFalse(Files.exists(work.resolve("tables")), "warehouse written");
    assertFalse(Files.exists(work.resolve("models")), "model written");
  }

  @Test
  void homeworkFeatureSetTrainsOnFhvAndScoresWithFinitePredictions() {
    Settings homework = homework(TestSettings.defaults(dataRoot, work));

    TrainJob.Result trained = TrainJob.run(RunContext.open(spark, homework, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.FHV, List.of(YearMonth.of(2021, 2)), List.of(YearMonth.of(2021, 3))));
    ScoreJob.Result scored = ScoreJob.run(RunContext.open(spark, homework, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.FHV, YearMonth.of(2021, 3), ModelRef.latest()));

    assertEquals("homework", trained.saved().card().featureSet());
    assertEquals(61, trained.train().get(0).read());
    assertEquals(60, trained.train().get(0).kept()); // every 6th row has no PUlocationID: kept, unknown zone
    assertEquals(Map.of(DropReason.NULL_TIMESTAMP, 1L), nonZero(trained.train().get(0).dropped()));
    assertEquals(30, scored.quality().counts().read());
    assertEquals(30, scored.quality().counts().kept());
    String scoredTrips = work.resolve("tables").resolve(ScoredTrips.TABLE.name()).toString();
    Row r = spark.sql(String.format("SELECT count(*), sum(CASE WHEN predicted_duration IS NULL OR isnan(predicted_duration) "
        + "OR abs(predicted_duration) > 1e6 THEN 1 ELSE 0 END), max(abs(diff)) FROM delta.`%s` WHERE taxi_type = 'fhv'",
        scoredTrips)).first();
    assertEquals(30L, r.getLong(0));
    assertEquals(0L, r.getLong(1));
    // durations are additive in the two zones (the unknown zone as one more), which the homework model fits exactly
    assertTrue(r.getDouble(2) < 0.01, "largest |actual - predicted| in minutes: " + r.getDouble(2));
    Row unknown = spark.sql(String.format("SELECT count(*), min(predicted_duration), max(predicted_duration) "
        + "FROM delta.`%s` WHERE taxi_type = 'fhv' AND PULocationID IS NULL", scoredTrips)).first();
    assertEquals(5L, unknown.getLong(0)); // stored as read: null, not -1
    // all five go to dropoff zone 70 (i % 6 == 5 implies i % 3 == 2): 9 + 7 minutes
    assertEquals(UNKNOWN_ZONE_MINUTES + 7, unknown.getDouble(1), 0.01);
    assertEquals(UNKNOWN_ZONE_MINUTES + 7, unknown.getDouble(2), 0.01);
    List<String> noZone = scored.report().stream()
        .filter(row -> row.is(ReportDimension.PICKUP_ZONE) || row.is(ReportDimension.PICKUP_BOROUGH))
        .filter(row -> row.segment().equals("(no zone id)"))
        .map(row -> row.segment() + "=" + row.n()).toList();
    assertEquals(List.of("(no zone id)=5", "(no zone id)=5"), noZone);
    List<String> distanceBuckets = scored.report().stream()
        .filter(row -> row.is(ReportDimension.TRIP_DISTANCE_BUCKET))
        .map(row -> row.segment() + "=" + row.n()).toList();
    assertEquals(List.of(DistanceBuckets.NO_DISTANCE + "=30"), distanceBuckets);
  }

  /**
   * {@code n} FHV trips over pickup zones 10..40 and dropoff zones 50..70 whose duration, in
   * minutes, is pu/5 + do/10 (additive in the zones); every 6th trip lacks its PUlocationID and
   * takes {@link #UNKNOWN_ZONE_MINUTES} + do/10.
   */
  private static List<TlcTrip> zoneTrips(String month, int n) {
    List<TlcTrip> trips = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean noPickupZone = i % 6 == 5;
      int pu = 10 * (1 + i % 4);
      int doZone = 50 + 10 * (i % 3);
      long seconds = 60L * ((noPickupZone ? UNKNOWN_ZONE_MINUTES : pu / 5) + doZone / 10);
      String pickup = month + String.format("-%02dT%02d:%02d:00", 1 + i % 27, 6 + i % 12, (7 * i) % 60);
      trips.add(trip(pickup, seconds, noPickupZone ? null : pu, doZone, null));
    }
    return trips;
  }

  private static Map<DropReason, Long> nonZero(Map<DropReason, Long> dropped) {
    Map<DropReason, Long> out = new java.util.EnumMap<>(DropReason.class);
    dropped.forEach((reason, n) -> {
      if (n != 0) {
        out.put(reason, n);
      }
    });
    return out;
  }

  private static Settings homework(Settings s) {
    ModelParams m = s.model();
    return s.withModel(m.withFeatureSet(FeatureSet.HOMEWORK));
  }
}
