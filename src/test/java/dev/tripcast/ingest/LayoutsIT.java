package dev.tripcast.ingest;

import static dev.tripcast.testing.TlcTrip.between;
import static dev.tripcast.testing.TlcTrip.trip;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.features.DropReason;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made files of each TLC layout and type drift, written by the test with TLC's column names
 * and Parquet types, read through the contract ({@link MonthLocator} → {@link TripReader}).
 */
class LayoutsIT {
  private static final String SESSION_TIME_ZONE = "spark.sql.session.timeZone";

  private static SparkSession spark;

  @TempDir Path dataRoot;
  private TlcFiles files;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.session();
  }

  @BeforeEach
  void dataRoot() {
    files = new TlcFiles(dataRoot);
  }

  @Test
  void yellowAirportFeeInOneMonthAndAirportFeeCapitalisedInAnotherLandInTheCanonicalColumn() {
    files.parquet(TlcLayout.YELLOW_2022, "2022-12",
        trip("2022-12-05T08:00:00", 900, 132, 236, 17.2).withAirportFee(1.25),
        trip("2022-12-05T09:00:00", 300, 161, 237, 1.1));
    files.parquet(TlcLayout.YELLOW_2025, "2025-01",
        trip("2025-01-07T18:30:00", 1200, 138, 230, 9.8).withAirportFee(1.75),
        trip("2025-01-07T19:00:00", 420, 48, 68, 1.4));
    List<MonthFile> months = files.locate(TaxiType.YELLOW, "2022-12", "2025-01");

    Dataset<Row> december = TripReader.readMonth(spark, months.get(0));
    Dataset<Row> january = TripReader.readMonth(spark, months.get(1));
    Dataset<Row> both = TripReader.read(spark, months, List.of());

    assertEquals(List.of(1.25, 0.0), airportFees(december));
    assertEquals(List.of(1.75, 0.0), airportFees(january));
    assertEquals(names(TripColumns.SCHEMA), names(both.schema()));
    assertEquals(List.of(
        RowFactory.create("2022-12", 0L, "parquet/PU:bigint/pickup:timestamp_ntz", 132, 236, 17.2, 1, 1.25),
        RowFactory.create("2022-12", 1L, "parquet/PU:bigint/pickup:timestamp_ntz", 161, 237, 1.1, 1, 0.0),
        RowFactory.create("2025-01", 0L, "parquet/PU:int/pickup:timestamp_ntz", 138, 230, 9.8, 1, 1.75),
        RowFactory.create("2025-01", 1L, "parquet/PU:int/pickup:timestamp_ntz", 48, 68, 1.4, 1, 0.0)),
        both.select("month", "source_row", "source_schema", "PULocationID", "DOLocationID", "trip_distance",
            "passenger_count", "airport_fee").orderBy("month", "source_row").collectAsList());
  }

  @Test
  void fhvhvTakesPickupNotRequestTimeTripMilesAsDistanceAndBasePassengerFareAsFare() {
    files.parquet(TlcLayout.FHVHV, "2022-03",
        trip("2022-03-04T09:10:00", 1260, 61, 37, 4.35).withFare(21.17).withAirportFee(2.5),
        trip("2022-03-04T23:50:30", 845, 132, 265, 17.02).withFare(52.4));
    MonthFile file = files.locate(TaxiType.FHVHV, "2022-03");

    Dataset<Row> trips = TripReader.readMonth(spark, file).orderBy(TripColumns.SOURCE_ROW);

    assertEquals(List.of(
        RowFactory.create("fhvhv", "2022-03", file.path(), 0L, "parquet/PU:bigint/pickup:timestamp_ntz",
            LocalDateTime.parse("2022-03-04T09:10:00"), LocalDateTime.parse("2022-03-04T09:31:00"), 61, 37, 4.35,
            null, 21.17, null, 2.5),
        RowFactory.create("fhvhv", "2022-03", file.path(), 1L, "parquet/PU:bigint/pickup:timestamp_ntz",
            LocalDateTime.parse("2022-03-04T23:50:30"), LocalDateTime.parse("2022-03-05T00:04:35"), 132, 265, 17.02,
            null, 52.4, null, 0.0)),
        trips.collectAsList());
    PreparedMonths prepared = PreparedMonths.load(spark, TestSettings.defaults(dataRoot, dataRoot.resolve("work")),
        FeatureSet.COURSE, TaxiType.FHVHV, List.of(YearMonth.of(2022, 3)));
    assertEquals(2, prepared.counts().get(0).kept());
    assertEquals(List.of(21.0, 845 / 60.0),
        prepared.kept().orderBy(TripColumns.SOURCE_ROW).select("duration").as(Encoders.DOUBLE())
            .collectAsList());
  }

  @Test
  void greenMonthsOfBothSchemaGenerationsReadTogetherInEitherOrderGiveTheRowsReadApart() {
    files.parquet(TlcLayout.GREEN_S1, "2023-01",
        trip("2023-01-01T00:26:10", 1000, 166, 143, 2.58),
        trip("2023-01-01T00:51:03", 500, 24, 43, 1.81),
        trip("2023-01-31T23:58:00", 900, 223, 179, 0.0));
    files.parquet(TlcLayout.GREEN_S2, "2023-02",
        trip("2023-02-01T00:46:23", 700, 82, 56, 1.18),
        trip("2023-02-01T00:05:42", 600, 66, 88, 3.3),
        trip("2023-02-28T12:00:00", 1800, 264, 264, 7.0));
    List<MonthFile> janFeb = files.locate(TaxiType.GREEN, "2023-01", "2023-02");
    List<MonthFile> febJan = files.locate(TaxiType.GREEN, "2023-02", "2023-01");

    List<Row> apart = new ArrayList<>(TripReader.readMonth(spark, janFeb.get(0)).collectAsList());
    apart.addAll(TripReader.readMonth(spark, janFeb.get(1)).collectAsList());

    assertEquals(sorted(apart), sorted(TripReader.read(spark, janFeb, List.of()).collectAsList()));
    assertEquals(sorted(apart), sorted(TripReader.read(spark, febJan, List.of()).collectAsList()));
    assertEquals(List.of(
        RowFactory.create("2023-01", "parquet/PU:bigint/pickup:timestamp_ntz", 166, 143, 2.58, 1),
        RowFactory.create("2023-01", "parquet/PU:bigint/pickup:timestamp_ntz", 24, 43, 1.81, 1),
        RowFactory.create("2023-01", "parquet/PU:bigint/pickup:timestamp_ntz", 223, 179, 0.0, 1),
        RowFactory.create("2023-02", "parquet/PU:int/pickup:timestamp_ntz", 82, 56, 1.18, 1),
        RowFactory.create("2023-02", "parquet/PU:int/pickup:timestamp_ntz", 66, 88, 3.3, 1),
        RowFactory.create("2023-02", "parquet/PU:int/pickup:timestamp_ntz", 264, 264, 7.0, 1)),
        sorted(apart).stream().map(r -> RowFactory.create(r.getAs("month"), r.getAs("source_schema"),
            r.getAs("PULocationID"), r.getAs("DOLocationID"), r.getAs("trip_distance"), r.getAs("passenger_count")))
            .toList());
  }

  @Test
  void nanosecondTimestampsBecomeTheSameMicrosecondWallClockUnderAnySessionTimeZone() {
    files.parquet(TlcLayout.YELLOW_NANOS, "2023-03", List.of(
        between("2023-03-01T08:15:30.123456789", "2023-03-01T08:27:00.5", 142, 236, 1.9),
        // 02:30 does not exist in New York on 2023-03-12 (DST starts at 02:00)
        between("2023-03-12T02:30:00", "2023-03-12T03:10:00.000000999", 132, 230, 18.0),
        // one nanosecond short of April: must stay in March
        between("2023-03-31T23:59:59.999999999", "2023-04-01T00:12:00", 48, 68, 2.2)));
    List<LocalDateTime> expected = List.of(
        LocalDateTime.parse("2023-03-01T08:15:30.123456"), LocalDateTime.parse("2023-03-01T08:27:00.5"),
        LocalDateTime.parse("2023-03-12T02:30:00"), LocalDateTime.parse("2023-03-12T03:10:00"),
        LocalDateTime.parse("2023-03-31T23:59:59.999999"), LocalDateTime.parse("2023-04-01T00:12:00"));
    String before = spark.conf().get(SESSION_TIME_ZONE);
    try {
      for (String zone : List.of("UTC", "America/New_York")) {
        spark.conf().set(SESSION_TIME_ZONE, zone);
        MonthFile file = files.locate(TaxiType.YELLOW, "2023-03");
        Dataset<Row> trips = TripReader.readMonth(spark, file).orderBy(TripColumns.SOURCE_ROW);

        List<LocalDateTime> times = new ArrayList<>();
        for (Row r : trips.select(TripColumns.PICKUP_DATETIME, TripColumns.DROPOFF_DATETIME).collectAsList()) {
          times.add(r.getAs(0));
          times.add(r.getAs(1));
        }
        assertEquals(expected, times, "session time zone " + zone);
        assertEquals("parquet/PU:bigint/pickup:timestamp(nanos)", trips.first().getAs(TripColumns.SOURCE_SCHEMA));
        PreparedMonths prepared = PreparedMonths.load(spark, TestSettings.defaults(dataRoot, dataRoot.resolve("work")),
            FeatureSet.COURSE, TaxiType.YELLOW, List.of(YearMonth.of(2023, 3)));
        assertEquals(3, prepared.counts().get(0).kept(), "session time zone " + zone);
        assertEquals(0L, prepared.counts().get(0).dropped().get(DropReason.PICKUP_OUTSIDE_MONTH));
      }
    } finally {
      spark.conf().set(SESSION_TIME_ZONE, before);
    }
  }

  @Test
  void layoutFromBeforeZoneIdsIsRefusedWithOneLineSayingWhy() {
    files.parquet(TlcLayout.GREEN_2015, "2015-06", trip("2015-06-01T10:00:00", 600, null, null, 1.5));
    MonthFile file = files.locate(TaxiType.GREEN, "2015-06");

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TripReader.readMonth(spark, file));

    assertEquals(file.path() + " has pickup/dropoff latitude and longitude but no PULocationID: TLC published "
        + "zone ids only from July 2016 on, and tripcast's features need them; use a later month", e.getMessage());
    assertEquals(ExitCode.INVALID_INPUT, e.exitCode());
  }

  private static List<Double> airportFees(Dataset<Row> trips) {
    return trips.orderBy(TripColumns.SOURCE_ROW).select(col(TripColumns.AIRPORT_FEE))
        .as(Encoders.DOUBLE()).collectAsList();
  }

  private static List<String> names(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }

  private static List<Row> sorted(List<Row> rows) {
    return rows.stream().sorted(Comparator.<Row, String>comparing(r -> r.getAs(TripColumns.SOURCE_FILE))
        .thenComparing(r -> r.<Long>getAs(TripColumns.SOURCE_ROW))).toList();
  }
}
