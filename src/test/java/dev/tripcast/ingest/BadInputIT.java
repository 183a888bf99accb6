package dev.tripcast.ingest;

import static dev.tripcast.testing.TlcTrip.between;
import static dev.tripcast.testing.TlcTrip.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.features.TripFilters;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.features.DropReason;
import dev.tripcast.features.FeatureColumns;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.jobs.PreparedMonths;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import dev.tripcast.testing.TlcTrip;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input of the TLC contract, in a hand-made file read through {@link PreparedMonths#load}:
 * a file-level problem is a one-line error naming the file, a row-level one a counted drop
 * ({@code read = kept + Σ dropped}).
 */
class BadInputIT {
  private static SparkSession spark;

  @TempDir Path dataRoot;
  private TlcFiles files;
  private Settings settings;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  @BeforeEach
  void dataRoot() {
    files = new TlcFiles(dataRoot);
    settings = TestSettings.defaults(dataRoot, dataRoot.resolve("unused"));
  }

  @Test
  void zeroRowFileIsRefusedAsHoldingNoTrips() {
    Path file = files.parquet(TlcLayout.GREEN_S2, "2021-08", List.of());

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(FeatureSet.COURSE, "2021-08"));

    assertEquals(TlcFiles.qualified(file) + " holds no trips (0 rows): nothing to train on or score", e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  @Test
  void zeroByteFileIsRefusedAsUnreadableNamingTheFile() {
    String path = TlcFiles.qualified(files.zeroBytes(TaxiType.GREEN, "2021-09"));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(FeatureSet.COURSE, "2021-09"));

    assertEquals("cannot read " + path + " as Parquet: " + path + " is not a Parquet file (length is too low: 0)",
        e.getMessage());
  }

  @Test
  void requiredColumnNullInEveryRowIsRefusedNamingFileColumnAndRowCount() {
    Path file = files.parquet(TlcLayout.GREEN_S2, "2021-10",
        trip("2021-10-01T10:00:00", 600, 43, 151, null),
        trip("2021-10-01T11:00:00", 600, 74, 75, null),
        trip("2021-10-01T12:00:00", 600, 41, 42, null));

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(FeatureSet.COURSE, "2021-10"));

    assertEquals(TlcFiles.qualified(file) + ": required column trip_distance is null in all 3 rows", e.getMessage());
    assertEquals(3, load(FeatureSet.HOMEWORK, "2021-10").counts().get(0).kept()); // homework needs no distance
  }

  @Test
  void rowsOfOtherMonthsAreDroppedByPickupWhileATripSpillingIntoTheNextMonthIsKept() {
    files.parquet(TlcLayout.GREEN_S1, "2021-01",
        trip("2009-01-01T00:10:00", 600, 43, 151, 1.0),   // TLC's stray 2009 pickups
        trip("2020-12-31T23:58:00", 720, 43, 151, 1.0),   // picked up in December
        trip("2021-01-15T12:00:00", 600, 43, 151, 1.0),
        trip("2021-01-31T23:55:00", 1200, 43, 151, 1.0),  // ends on 1 February: kept
        trip("2021-02-01T00:05:00", 600, 43, 151, 1.0));  // picked up in February

    PreparedMonths production = load(FeatureSet.COURSE, "2021-01");
    PreparedMonths course = PreparedMonths.load(spark, TestSettings.withFilters(settings, new TripFilters(1, 60, false)),
        FeatureSet.COURSE, TaxiType.GREEN, List.of(YearMonth.of(2021, 1)));

    assertEquals(Map.of(0L, "pickup_outside_month", 1L, "pickup_outside_month", 2L, "kept", 3L, "kept",
        4L, "pickup_outside_month"), reasons(production));
    assertEquals(Map.of(DropReason.PICKUP_OUTSIDE_MONTH, 3L), nonZero(production));
    assertEquals(2, production.counts().get(0).kept());
    assertEquals(5, course.counts().get(0).kept());
    assertEquals(LocalDateTime.parse("2009-01-01T00:10:00"), production.quality().get(0).minPickup());
    assertEquals(LocalDateTime.parse("2021-02-01T00:05:00"), production.quality().get(0).maxPickup());
  }

  @Test
  void dropoffBeforePickupIsDropped() {
    files.parquet(TlcLayout.GREEN_S2, "2021-02",
        between("2021-02-10T10:00:00", "2021-02-10T09:50:00", 43, 151, 1.0),
        between("2021-02-10T10:00:00", "2021-02-10T10:10:00", 43, 151, 1.0));

    PreparedMonths months = load(FeatureSet.COURSE, "2021-02");

    assertEquals(Map.of(0L, "dropoff_before_pickup", 1L, "kept"), reasons(months));
    assertEquals(Map.of(DropReason.DROPOFF_BEFORE_PICKUP, 1L), nonZero(months));
  }

  @Test
  void unknownZones264And265AreKeptAndTheirShareMeasured() {
    files.parquet(TlcLayout.GREEN_S2, "2021-03",
        trip("2021-03-01T10:00:00", 600, 264, 100, 1.0),
        trip("2021-03-01T10:00:00", 600, 50, 265, 1.0),
        trip("2021-03-01T10:00:00", 600, 264, 265, 1.0),
        trip("2021-03-01T10:00:00", 600, 43, 151, 1.0),
        trip("2021-03-01T10:00:00", 600, 74, 75, 1.0));

    PreparedMonths months = load(FeatureSet.COURSE, "2021-03");

    assertEquals(5, months.counts().get(0).kept());
    assertEquals(0.6, months.quality().get(0).unknownZoneShare());
  }

  @Test
  void locationIdsOutside1To265AreDroppedAndTheBoundsKept() {
    files.parquet(TlcLayout.GREEN_S2, "2021-04",
        trip("2021-04-01T10:00:00", 600, 0, 151, 1.0),
        trip("2021-04-01T10:00:00", 600, 43, 266, 1.0),
        trip("2021-04-01T10:00:00", 600, 1, 265, 1.0));

    PreparedMonths months = load(FeatureSet.COURSE, "2021-04");

    assertEquals(Map.of(0L, "location_out_of_range", 1L, "location_out_of_range", 2L, "kept"), reasons(months));
    assertEquals(Map.of(DropReason.LOCATION_OUT_OF_RANGE, 2L), nonZero(months));
  }

  @Test
  void negativeOrNullDistanceIsDroppedOnlyByTheFeatureSetThatUsesIt() {
    files.parquet(TlcLayout.GREEN_S2, "2021-05",
        trip("2021-05-01T10:00:00", 600, 43, 151, -0.5),
        trip("2021-05-01T10:00:00", 600, 43, 151, null),
        trip("2021-05-01T10:00:00", 600, 43, 151, 0.0),
        trip("2021-05-01T10:00:00", 600, 43, 151, 2.5));

    PreparedMonths course = load(FeatureSet.COURSE, "2021-05");
    PreparedMonths homework = load(FeatureSet.HOMEWORK, "2021-05");

    assertEquals(Map.of(0L, "distance_null_or_negative", 1L, "distance_null_or_negative", 2L, "kept", 3L, "kept"),
        reasons(course));
    assertEquals(Map.of(DropReason.DISTANCE_NULL_OR_NEGATIVE, 2L), nonZero(course));
    assertEquals(4, homework.counts().get(0).kept());
  }

  @Test
  void csvMonthReadsTextWithEmptyAsNullAndRowPositionsInFileOrder() {
    List<TlcTrip> trips = List.of(
        trip("2020-04-01T00:10:00", 600, 74, 75, 1.2),
        trip("2020-03-31T23:55:00", 600, 42, 41, 0.9),                               // before the month
        between("2020-04-02T08:00:00", "2020-04-02T08:20:00", null, 75, null),       // empty fields
        trip("2020-04-30T23:59:00", 900, 264, 7, 3.0).withFare(14.5));
    Path file = files.csv(TlcLayout.GREEN_S1, "2020-04", trips);
    String path = TlcFiles.qualified(file);

    MonthFile month = files.locate(TaxiType.GREEN, "2020-04");
    Dataset<Row> read = TripReader.readMonth(spark, month).orderBy(TripColumns.SOURCE_ROW);
    PreparedMonths prepared = load(FeatureSet.COURSE, "2020-04");

    assertEquals(MonthFile.Format.CSV, month.format());
    assertEquals(List.of(
        csvRow(path, 0L, "2020-04-01T00:10:00", "2020-04-01T00:20:00", 74, 75, 1.2, 10.0),
        csvRow(path, 1L, "2020-03-31T23:55:00", "2020-04-01T00:05:00", 42, 41, 0.9, 10.0),
        csvRow(path, 2L, "2020-04-02T08:00:00", "2020-04-02T08:20:00", null, 75, null, 10.0),
        csvRow(path, 3L, "2020-04-30T23:59:00", "2020-05-01T00:14:00", 264, 7, 3.0, 14.5)),
        read.collectAsList());
    assertEquals(Map.of(0L, "kept", 1L, "pickup_outside_month", 2L, "distance_null_or_negative", 3L, "kept"),
        reasons(prepared));
  }

  @Test
  void gzippedCsvMonthReadsThroughTheSameContract() {
    files.csvGz(TlcLayout.GREEN_S1, "2020-12", List.of(
        trip("2020-12-01T07:00:00", 600, 74, 75, 1.2),
        between("2020-12-01T08:00:00", null, 42, 41, 0.9)));

    MonthFile month = files.locate(TaxiType.GREEN, "2020-12");
    List<Row> rows = TripReader.readMonth(spark, month).orderBy(TripColumns.SOURCE_ROW)
        .select(TripColumns.SOURCE_ROW, TripColumns.PICKUP_DATETIME, TripColumns.DROPOFF_DATETIME,
            TripColumns.PU_LOCATION_ID, TripColumns.TRIP_DISTANCE).collectAsList();

    assertEquals(MonthFile.Format.CSV_GZ, month.format());
    assertEquals(List.of(
        RowFactory.create(0L, LocalDateTime.parse("2020-12-01T07:00:00"), LocalDateTime.parse("2020-12-01T07:10:00"), 74, 1.2),
        RowFactory.create(1L, LocalDateTime.parse("2020-12-01T08:00:00"), null, 42, 0.9)), rows);
    assertEquals(Map.of(0L, "kept", 1L, "null_timestamp"), reasons(load(FeatureSet.COURSE, "2020-12")));
  }

  @Test
  void csvSplitIntoManyPartitionsKeepsRowPositionsInFileOrder() {
    List<TlcTrip> trips = new ArrayList<>();
    for (int i = 0; i < 120; i++) { // pickups run backwards in time, so file order is not time order
      trips.add(trip(LocalDateTime.parse("2020-04-30T23:00:00").minusMinutes(7L * i).toString(), 600, 1 + i, 75, 1.0));
    }
    files.csv(TlcLayout.GREEN_S1, "2020-04", trips);
    String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
    try {
      spark.conf().set("spark.sql.files.maxPartitionBytes", "2048");
      Dataset<Row> read = TripReader.readMonth(spark, files.locate(TaxiType.GREEN, "2020-04"));
      List<Row> rows = read.orderBy(TripColumns.SOURCE_ROW)
          .select(TripColumns.SOURCE_ROW, TripColumns.PU_LOCATION_ID, TripColumns.PICKUP_DATETIME).collectAsList();

      assertTrue(read.rdd().getNumPartitions() > 1, "partitions: " + read.rdd().getNumPartitions());
      assertEquals(120, rows.size());
      for (int i = 0; i < rows.size(); i++) {
        assertEquals(RowFactory.create((long) i, 1 + i, trips.get(i).pickup()), rows.get(i));
      }
    } finally {
      spark.conf().set("spark.sql.files.maxPartitionBytes", before);
    }
  }

  private PreparedMonths load(FeatureSet featureSet, String month) {
    return PreparedMonths.load(spark, settings, featureSet, TaxiType.GREEN, List.of(YearMonth.parse(month)));
  }

  private static Row csvRow(String path, long row, String pickup, String dropoff, Integer pu, Integer doZone,
      Double miles, Double fare) {
    return RowFactory.create("green", "2020-04", path, row, "csv/PU:string/pickup:string",
        LocalDateTime.parse(pickup), LocalDateTime.parse(dropoff), pu, doZone, miles, 1, fare, fare + 1.0, null);
  }

  /** source_row → drop_reason, "kept" for kept rows. */
  private static Map<Long, String> reasons(PreparedMonths months) {
    Map<Long, String> m = new TreeMap<>();
    for (Row r : months.prepared().select(TripColumns.SOURCE_ROW, FeatureColumns.DROP_REASON).collectAsList()) {
      m.put(r.getLong(0), r.isNullAt(1) ? "kept" : r.getString(1));
    }
    return m;
  }

  private static Map<DropReason, Long> nonZero(PreparedMonths months) {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    months.counts().get(0).dropped().forEach((reason, n) -> {
      if (n > 0) {
        m.put(reason, n);
      }
    });
    return m;
  }
}
