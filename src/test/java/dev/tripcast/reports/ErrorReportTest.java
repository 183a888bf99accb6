package dev.tripcast.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tripcast.config.Settings;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.testing.DataFrameAssertions;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorReport} on ten hand-made scored trips whose errors are 1, −2, 3, −4, …, −10
 * minutes. Every expected value below is computed by hand in the comments.
 *
 * <p>Percentiles are the ceil(p·n)-th smallest |diff| (the smallest |diff| v such that at least
 * p·n values are ≤ v, as Spark's {@code percentile_approx} defines them); with whole-minute errors
 * each value has a 0.001-minute bin of its own, so they are exact here. So the median of
 * {1, 2, 3, 4} is 2, not 2.5. {@link #percentilesAreWithinOneBinOfTheExactOrderStatistics} checks
 * the stated bound on 20,000 random errors.
 */
class ErrorReportTest {
  private static final double EXACT = 1e-12;

  /** The {@link ScoredTrips} table shape. */
  private static final StructType SCORED = StructType.fromDDL(String.join(", ",
      "ride_id STRING", "taxi_type STRING", "month STRING",
      "pickup_datetime TIMESTAMP_NTZ", "dropoff_datetime TIMESTAMP_NTZ",
      "PULocationID INT", "DOLocationID INT", "trip_distance DOUBLE",
      "actual_duration DOUBLE", "predicted_duration DOUBLE", "diff DOUBLE",
      "pu_do_seen BOOLEAN", "model_version STRING", "scored_at TIMESTAMP"));

  private static final double PREDICTED_MINUTES = 20.0;

  private static ReportParams reports;
  private static List<Row> report;

  @BeforeAll
  static void buildReportOnce() {
    reports = TestSettings.defaults(Path.of("unused-data"), Path.of("unused-work")).reports();
    report = ErrorReport.build(tenScoredTrips(), ZoneLookup.load(TestSpark.session()), reports).collectAsList();
  }

  /**
   * Ten scored green trips of 2021-01 (model v1). Zones (taxi_zone_lookup.csv): 1 = EWR "Newark
   * Airport", 132 = Queens "JFK Airport", 138 = Queens "LaGuardia Airport", 161 = Manhattan
   * "Midtown Center"; 999 is not in the lookup. 2021-01-04 is a Monday, 2021-01-06 a Wednesday,
   * 2021-01-10 a Sunday.
   *
   * <pre>
   *  #  diff  PU   DO   seen  pickup (NY local)     miles  bucket
   *  1    1    1  161   yes   Mon 2021-01-04 07:15   0.5   [0,1)
   *  2   -2    1  161   yes   Mon 2021-01-04 18:40   0.5   [0,1)
   *  3    3    1  132   yes   Mon 2021-01-04 07:59   1.0   [1,2)
   *  4   -4    1  132   yes   Sun 2021-01-10 18:00   1.0   [1,2)
   *  5    5  132  161   yes   Sun 2021-01-10 07:00  25.0   [20,inf)
   *  6   -6  132  161   yes   Sun 2021-01-10 18:30  25.0   [20,inf)
   *  7    7  132  138   no    Sun 2021-01-10 07:30  20.0   [20,inf)
   *  8   -8  132  999   no    Sun 2021-01-10 18:59  19.99  [10,20)
   *  9    9  999  138   no    Wed 2021-01-06 07:00   2.0   [2,5)
   * 10  -10  999  999   no    Wed 2021-01-06 18:00   0.0   [0,1)
   * </pre>
   */
  static Dataset<Row> tenScoredTrips() {
    Timestamp scoredAt = Timestamp.from(Instant.parse("2021-02-01T06:00:00Z"));
    Object[][] trips = {
        {1.0, 1, 161, true, "2021-01-04T07:15:00", 0.5},
        {-2.0, 1, 161, true, "2021-01-04T18:40:00", 0.5},
        {3.0, 1, 132, true, "2021-01-04T07:59:59", 1.0},
        {-4.0, 1, 132, true, "2021-01-10T18:00:00", 1.0},
        {5.0, 132, 161, true, "2021-01-10T07:00:00", 25.0},
        {-6.0, 132, 161, true, "2021-01-10T18:30:00", 25.0},
        {7.0, 132, 138, false, "2021-01-10T07:30:00", 20.0},
        {-8.0, 132, 999, false, "2021-01-10T18:59:59", 19.99},
        {9.0, 999, 138, false, "2021-01-06T07:00:00", 2.0},
        {-10.0, 999, 999, false, "2021-01-06T18:00:00", 0.0},
    };
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < trips.length; i++) {
      Object[] t = trips[i];
      double diff = (Double) t[0];
      double actual = PREDICTED_MINUTES + diff;
      LocalDateTime pickup = LocalDateTime.parse((String) t[4]);
      LocalDateTime dropoff = pickup.plusSeconds(Math.round(actual * 60));
      rows.add(RowFactory.create("green-2021-01-" + i, "green", "2021-01", pickup, dropoff, t[1], t[2], t[5],
          actual, PREDICTED_MINUTES, diff, t[3], "v1", scoredAt));
    }
    return TestSpark.session().createDataFrame(rows, SCORED);
  }

  @Test
  void overallRowAggregatesAllTenTrips() {
    // d = 1,-2,…,-10: n = 10; Σd² = 1+4+9+…+100 = 385 → rmse = √(385/10) = √38.5 ≈ 6.2048
    // Σ|d| = 55 → mae = 5.5; Σd = (1-2)+(3-4)+…+(9-10) = -5 → bias = -0.5
    // |d| sorted = 1..10: p50 = ceil(0.5·10) = 5th = 5; p90 = ceil(0.9·10) = 9th = 9
    assertSegment("overall", "all", 10, Math.sqrt(38.5), 5.5, -0.5, 5, 9);
  }

  @Test
  void puDoSeenSplitsSeenAndUnseen() {
    // seen = #1-6, d = 1,-2,3,-4,5,-6: Σd² = 1+4+9+16+25+36 = 91 → rmse = √(91/6) ≈ 3.8944
    // Σ|d| = 21 → mae = 3.5; Σd = -3 → bias = -0.5; |d| 1..6: p50 = 3rd = 3, p90 = ceil(5.4) = 6th = 6
    assertSegment("pu_do_seen", "seen", 6, Math.sqrt(91.0 / 6), 3.5, -0.5, 3, 6);
    // unseen = #7-10, d = 7,-8,9,-10: Σd² = 49+64+81+100 = 294 → rmse = √73.5 ≈ 8.5732
    // Σ|d| = 34 → mae = 8.5; Σd = -2 → bias = -0.5; |d| 7,8,9,10: p50 = 2nd = 8, p90 = ceil(3.6) = 4th = 10
    assertSegment("pu_do_seen", "unseen", 4, Math.sqrt(73.5), 8.5, -0.5, 8, 10);
  }

  @Test
  void hourOfDayIsTheTwoDigitPickupHour() {
    // "07" = #1,3,5,7,9 (07:59:59 is still hour 07), d = 1,3,5,7,9: Σd² = 165 → rmse = √33 ≈ 5.7446
    // Σ|d| = 25 → mae = 5; Σd = 25 → bias = 5; p50 = ceil(2.5) = 3rd = 5; p90 = ceil(4.5) = 5th = 9
    assertSegment("hour_of_day", "07", 5, Math.sqrt(33), 5, 5, 5, 9);
    // "18" = #2,4,6,8,10, d = -2,-4,-6,-8,-10: Σd² = 220 → rmse = √44 ≈ 6.6332
    // mae = 30/5 = 6; bias = -6; |d| 2,4,6,8,10: p50 = 3rd = 6; p90 = 5th = 10
    assertSegment("hour_of_day", "18", 5, Math.sqrt(44), 6, -6, 6, 10);
  }

  @Test
  void dayOfWeekIsIsoNumberedWithShortName() {
    // "1-Mon" = #1-3 (2021-01-04), d = 1,-2,3: Σd² = 14 → rmse = √(14/3) ≈ 2.1602
    // mae = 6/3 = 2; bias = 2/3; |d| 1,2,3: p50 = ceil(1.5) = 2nd = 2; p90 = ceil(2.7) = 3rd = 3
    assertSegment("day_of_week", "1-Mon", 3, Math.sqrt(14.0 / 3), 2, 2.0 / 3, 2, 3);
    assertEquals(Map.of("1-Mon", 3L, "3-Wed", 2L, "7-Sun", 5L), counts("day_of_week"));
  }

  @Test
  void idsMissingFromTheLookupAreReportedAsUnknown() {
    // pickup 999 = #9,10, d = 9,-10: Σd² = 181 → rmse = √90.5 ≈ 9.5131; mae = 9.5; bias = -0.5
    // |d| 9,10: p50 = ceil(1.0) = 1st = 9; p90 = ceil(1.8) = 2nd = 10
    assertSegment("pickup_borough", "(unknown id)", 2, Math.sqrt(90.5), 9.5, -0.5, 9, 10);
    assertSegment("pickup_zone", "(unknown id)", 2, Math.sqrt(90.5), 9.5, -0.5, 9, 10);
    // pickup 1 = #1-4, d = 1,-2,3,-4: Σd² = 30 → rmse = √7.5; mae = 2.5; bias = -0.5; p50 = 2nd = 2; p90 = 4th = 4
    assertSegment("pickup_borough", "EWR", 4, Math.sqrt(7.5), 2.5, -0.5, 2, 4);
    assertSegment("pickup_zone", "Newark Airport", 4, Math.sqrt(7.5), 2.5, -0.5, 2, 4);
    assertEquals(Map.of("EWR", 4L, "Queens", 4L, "(unknown id)", 2L), counts("pickup_borough"));
    assertEquals(Map.of("Newark Airport", 4L, "JFK Airport", 4L, "(unknown id)", 2L), counts("pickup_zone"));
    // dropoff: 161 Manhattan = #1,2,5,6; 132/138 Queens = #3,4,7,9; 999 = #8,10
    assertEquals(Map.of("Manhattan", 4L, "Queens", 4L, "(unknown id)", 2L), counts("dropoff_borough"));
    // dropoff Queens, d = 3,-4,7,9: Σd² = 9+16+49+81 = 155 → rmse = √38.75; mae = 23/4 = 5.75
    // bias = 15/4 = 3.75; |d| 3,4,7,9: p50 = 2nd = 4; p90 = ceil(3.6) = 4th = 9
    assertSegment("dropoff_borough", "Queens", 4, Math.sqrt(38.75), 5.75, 3.75, 4, 9);
  }

  @Test
  void tripsWithoutAZoneIdAreTheirOwnSegment() {
    // scored_trips stores a missing zone as null (the model saw -1): PU null with d = 2, DO null with d = -4
    Timestamp scoredAt = Timestamp.from(Instant.parse("2021-02-01T06:00:00Z"));
    LocalDateTime pickup = LocalDateTime.parse("2021-01-04T07:15:00");
    Dataset<Row> scored = TestSpark.session().createDataFrame(List.of(
        RowFactory.create("fhv-2021-01-0", "fhv", "2021-01", pickup, pickup.plusMinutes(22), null, 161, null,
            22.0, PREDICTED_MINUTES, 2.0, false, "v1", scoredAt),
        RowFactory.create("fhv-2021-01-1", "fhv", "2021-01", pickup, pickup.plusMinutes(16), 132, null, null,
            16.0, PREDICTED_MINUTES, -4.0, false, "v1", scoredAt)), SCORED);

    List<Row> rows = ErrorReport.build(scored, ZoneLookup.load(TestSpark.session()), reports).collectAsList();

    Map<String, String> zones = new TreeMap<>();
    for (Row r : rows) {
      String dimension = r.getAs(ErrorReport.DIMENSION);
      if (dimension.startsWith("pickup_") || dimension.startsWith("dropoff_")) {
        zones.put(dimension + " " + r.getAs(ErrorReport.SEGMENT), r.<Long>getAs("n") + " " + r.<Double>getAs("rmse"));
      }
    }
    assertEquals(Map.of(
        "pickup_borough (no zone id)", "1 2.0", "pickup_borough Queens", "1 4.0",
        "pickup_zone (no zone id)", "1 2.0", "pickup_zone JFK Airport", "1 4.0",
        "dropoff_borough Manhattan", "1 2.0", "dropoff_borough (no zone id)", "1 4.0"), zones);
  }

  @Test
  void distanceBucketsUseTheConfiguredBounds() {
    // 0.5, 0.5, 0.0 → [0,1); 1.0 → [1,2) (lower bound inclusive); 2.0 → [2,5);
    // 19.99 → [10,20); 20.0 and 25.0 → [20,inf)
    assertEquals(Map.of("[0,1)", 3L, "[1,2)", 2L, "[2,5)", 1L, "[10,20)", 1L, "[20,inf)", 3L),
        counts("trip_distance_bucket"));
    // [0,1) = #1,2,10, d = 1,-2,-10: Σd² = 105 → rmse = √35; mae = 13/3; bias = -11/3
    // |d| 1,2,10: p50 = 2nd = 2; p90 = ceil(2.7) = 3rd = 10
    assertSegment("trip_distance_bucket", "[0,1)", 3, Math.sqrt(35), 13.0 / 3, -11.0 / 3, 2, 10);
    // [20,inf) = #5,6,7, d = 5,-6,7: Σd² = 110 → rmse = √(110/3); mae = 6; bias = 2; p50 = 6; p90 = 7
    assertSegment("trip_distance_bucket", "[20,inf)", 3, Math.sqrt(110.0 / 3), 6, 2, 6, 7);
  }

  @Test
  void everyDimensionIsPresentAndSegmentsPartitionTheTrips() {
    Set<String> expected = Arrays.stream(ReportDimension.values()).map(ReportDimension::id)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> actual = report.stream().map(r -> r.<String>getAs(ErrorReport.DIMENSION))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, actual);
    assertEquals(8, actual.size());
    for (String dimension : actual) {
      long total = counts(dimension).values().stream().mapToLong(Long::longValue).sum();
      assertEquals(10, total, "segments of " + dimension + " must cover every trip once");
    }
    // 1 overall + 2 seen/unseen + 3 + 3 + 3 zones/boroughs + 2 hours + 3 weekdays + 5 buckets
    assertEquals(22, report.size());
    for (Row r : report) {
      assertEquals("green", r.getAs("taxi_type"));
      assertEquals("2021-01", r.getAs("month"));
      assertEquals("v1", r.getAs(ScoredTrips.MODEL_VERSION));
    }
  }

  @Test
  void reportHasTheDocumentedColumnsAndTypes() {
    Dataset<Row> built = ErrorReport.build(tenScoredTrips(), ZoneLookup.load(TestSpark.session()), reports);
    assertEquals(Arrays.asList(ErrorReport.TABLE.schema().fieldNames()), Arrays.asList(built.columns()));
    List<String> types = Arrays.stream(built.schema().fields())
        .map(f -> f.name() + " " + f.dataType().sql()).toList();
    assertEquals(List.of("taxi_type STRING", "month STRING", "model_version STRING", "dimension STRING",
        "segment STRING", "n BIGINT", "rmse DOUBLE", "mae DOUBLE", "bias DOUBLE", "p50_abs_error DOUBLE",
        "p90_abs_error DOUBLE"), types);
  }

  @Test
  void hourAndWeekdayDoNotDependOnTheSessionTimeZone() {
    // pickup_datetime is a wall-clock (TIMESTAMP_NTZ) New York time: a session in another zone
    // must not shift hours or weekdays, so the whole report is unchanged.
    SparkSession spark = TestSpark.session();
    String before = spark.conf().get("spark.sql.session.timeZone");
    List<Row> newYorkRows;
    StructType shape;
    try {
      spark.conf().set("spark.sql.session.timeZone", "America/New_York");
      Dataset<Row> inNewYork = ErrorReport.build(tenScoredTrips(), ZoneLookup.load(spark), reports);
      newYorkRows = inNewYork.collectAsList();
      shape = inNewYork.schema();
    } finally {
      spark.conf().set("spark.sql.session.timeZone", before);
    }
    Dataset<Row> inUtc = ErrorReport.build(tenScoredTrips(), ZoneLookup.load(spark), reports);
    DataFrameAssertions.assertSameRows(inUtc, spark.createDataFrame(newYorkRows, shape));
  }

  @Test
  void aTripWithoutDistanceOrPickupZoneHasItsOwnSegments() {
    Timestamp scoredAt = Timestamp.from(Instant.parse("2021-02-01T06:00:00Z"));
    LocalDateTime pickup = LocalDateTime.parse("2021-01-04T07:15:00");
    List<Row> rows = List.of(
        RowFactory.create("green-2021-01-0", "green", "2021-01", pickup, pickup.plusMinutes(22), null, 161, null,
            22.0, PREDICTED_MINUTES, 2.0, false, "v1", scoredAt),
        RowFactory.create("green-2021-01-1", "green", "2021-01", pickup, pickup.plusMinutes(17), 161, 161, 3.0,
            17.0, PREDICTED_MINUTES, -3.0, true, "v1", scoredAt));
    List<String> segments = ErrorReport.build(TestSpark.session().createDataFrame(rows, SCORED),
            ZoneLookup.load(TestSpark.session()), reports)
        .where("dimension IN ('trip_distance_bucket', 'pickup_zone', 'pickup_borough')")
        .orderBy("dimension", "segment").selectExpr("concat_ws(' ', dimension, segment, n, p50_abs_error)")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("pickup_borough (no zone id) 1 2.0", "pickup_borough Manhattan 1 3.0",
        "pickup_zone (no zone id) 1 2.0", "pickup_zone Midtown Center 1 3.0",
        "trip_distance_bucket (no distance) 1 2.0", "trip_distance_bucket [2,5) 1 3.0"), segments);
  }

  @Test
  void percentilesAreWithinOneBinOfTheExactOrderStatistics() {
    // 20,000 trips, errors uniform in ±30 min at full double precision (many share a 0.001-min
    // bin), split over two pickup zones; the expected values are sorted out here in Java.
    java.util.Random random = new java.util.Random(20261204);
    Timestamp scoredAt = Timestamp.from(Instant.parse("2021-02-01T06:00:00Z"));
    LocalDateTime pickup = LocalDateTime.parse("2021-01-04T07:15:00");
    List<Row> rows = new ArrayList<>();
    Map<Integer, List<Double>> absByZone = new TreeMap<>();
    for (int i = 0; i < 20_000; i++) {
      double diff = random.nextDouble() * 60 - 30;
      int zone = i % 3 == 0 ? 1 : 161;
      absByZone.computeIfAbsent(zone, z -> new ArrayList<>()).add(Math.abs(diff));
      absByZone.computeIfAbsent(0, z -> new ArrayList<>()).add(Math.abs(diff));
      rows.add(RowFactory.create("green-2021-01-" + i, "green", "2021-01", pickup, pickup.plusMinutes(20), zone, 161,
          1.5, PREDICTED_MINUTES + diff, PREDICTED_MINUTES, diff, true, "v1", scoredAt));
    }
    List<Row> built = ErrorReport.build(TestSpark.session().createDataFrame(rows, SCORED),
        ZoneLookup.load(TestSpark.session()), reports).collectAsList();
    Map<String, Integer> zoneOf = Map.of("all", 0, "Newark Airport", 1, "Midtown Center", 161);
    int checked = 0;
    for (Row r : built) {
      Integer zone = zoneOf.get(r.<String>getAs(ErrorReport.SEGMENT));
      if (zone == null || !List.of("overall", "pickup_zone").contains(r.<String>getAs(ErrorReport.DIMENSION))) {
        continue;
      }
      List<Double> sorted = absByZone.get(zone).stream().sorted().toList();
      int n = sorted.size();
      assertEquals(n, r.<Long>getAs("n"));
      double p50 = sorted.get((int) Math.ceil(0.5 * n) - 1);
      double p90 = sorted.get((int) Math.ceil(0.9 * n) - 1);
      assertEquals(p50, r.<Double>getAs("p50_abs_error"), reports.percentileBinMinutes(), zone + " p50");
      assertEquals(p90, r.<Double>getAs("p90_abs_error"), reports.percentileBinMinutes(), zone + " p90");
      checked++;
    }
    assertEquals(3, checked);
  }

  private static Row row(String dimension, String segment) {
    Row found = report.stream()
        .filter(r -> dimension.equals(r.getAs(ErrorReport.DIMENSION)) && segment.equals(r.getAs(ErrorReport.SEGMENT)))
        .findFirst().orElse(null);
    assertNotNull(found, "no report row for " + dimension + "/" + segment + " in " + report);
    return found;
  }

  /** segment → n for one dimension. */
  private static Map<String, Long> counts(String dimension) {
    Map<String, Long> out = new TreeMap<>();
    report.stream().filter(r -> dimension.equals(r.getAs(ErrorReport.DIMENSION)))
        .forEach(r -> out.put(r.getAs(ErrorReport.SEGMENT), r.<Long>getAs("n")));
    return out;
  }

  private static void assertSegment(String dimension, String segment, long n, double rmse, double mae, double bias,
      double p50, double p90) {
    Row r = row(dimension, segment);
    String where = dimension + "/" + segment + ": ";
    assertEquals(n, r.<Long>getAs("n"), where + "n");
    assertEquals(rmse, r.<Double>getAs("rmse"), EXACT, where + "rmse");
    assertEquals(mae, r.<Double>getAs("mae"), EXACT, where + "mae");
    assertEquals(bias, r.<Double>getAs("bias"), EXACT, where + "bias");
    assertEquals(p50, r.<Double>getAs("p50_abs_error"), 0.0, where + "p50_abs_error");
    assertEquals(p90, r.<Double>getAs("p90_abs_error"), 0.0, where + "p90_abs_error");
  }
}
