package dev.tripcast.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.apache.spark.sql.functions.col;

import dev.tripcast.testing.TestSpark;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The two steps of a synthetic month on tiny in-memory data: the time move and the bootstrap draw. */
class SyntheticMonthTest {
  private static final StructType RAW = StructType.fromDDL(
      "id INT, lpep_pickup_datetime TIMESTAMP_NTZ, lpep_dropoff_datetime TIMESTAMP_NTZ, fare DOUBLE");
  private static final YearMonth JAN_2021 = YearMonth.of(2021, 1);

  @Test
  void tripsMoveIntoTheTargetMonthWithTheirDurationToTheMicrosecond() {
    Dataset<Row> trips = trips(
        trip(0, "2021-01-30T10:00:00", "2021-01-30T10:20:00"),        // 29 d 10 h in: folds to 1 d 10 h of a 28-day month
        trip(1, "2021-01-31T23:50:00", "2021-02-01T00:10:00"),        // crosses midnight into the next month
        trip(2, "2021-01-02T00:00:00.000001", "2021-01-02T00:00:01.500000"), // 1.499999 s
        trip(3, "2009-01-01T00:03:25", "2009-01-01T00:13:25"));       // TLC's stray 2009 row: folded in too

    List<Row> feb = moved(trips, YearMonth.of(2031, 2));
    assertEquals(row(0, "2031-02-02T10:00:00", "2031-02-02T10:20:00", 0.0), feb.get(0));
    assertEquals(row(1, "2031-02-03T23:50:00", "2031-02-04T00:10:00", 1.0), feb.get(1)); // 30 d 23:50 mod 28 d
    assertEquals(row(2, "2031-02-02T00:00:00.000001", "2031-02-02T00:00:01.500000", 2.0), feb.get(2));

    List<Row> jan = moved(trips, YearMonth.of(2031, 1));
    assertEquals(row(1, "2031-01-31T23:50:00", "2031-02-01T00:10:00", 1.0), jan.get(1)); // same length: unchanged day
    // 2009-01-01 is 4,383 days before 2021-01-01 and -4,383 = 19 (mod 31): day 20 of the month.
    assertEquals(row(3, "2031-01-20T00:03:25", "2031-01-20T00:13:25", 3.0), jan.get(3));
  }

  @Test
  void aNullPickupStaysNullAndItsDropoffIsMovedLikeAPickup() {
    Dataset<Row> trips = trips(trip(0, null, "2021-01-05T12:00:00"), trip(1, null, null));

    List<Row> moved = moved(trips, YearMonth.of(2031, 1));

    assertEquals(row(0, null, "2031-01-05T12:00:00", 0.0), moved.get(0));
    assertEquals(row(1, null, null, 1.0), moved.get(1));
  }

  @Test
  void theMoveIgnoresTheSessionTimeZoneAcrossADaylightSavingChange() {
    SparkSession spark = TestSpark.session();
    String zone = spark.conf().get("spark.sql.session.timeZone");
    // 2021-03-14 and 2031-03-09 02:00-03:00 do not exist in New York; the wall clock still counts 80 minutes.
    Dataset<Row> trips = trips(trip(0, "2021-03-14T01:50:00", "2021-03-14T03:10:00"));
    try {
      spark.conf().set("spark.sql.session.timeZone", "America/New_York");
      Row r = SyntheticMonth.moveToMonth(trips, "lpep_pickup_datetime", "lpep_dropoff_datetime",
          YearMonth.of(2021, 3), YearMonth.of(2031, 3)).first();
      assertEquals(row(0, "2031-03-14T01:50:00", "2031-03-14T03:10:00", 0.0), r);
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  @Test
  void resampleDrawsExactlyNRowsUniformlyWithReplacementAndRepeatsWithTheSeed() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> source = spark.range(1_000).selectExpr("id AS __synth_source_row", "id * 10 AS value");

    Dataset<Row> drawn = SyntheticMonth.resample(spark, source, 1_000, 5_000, 42).cache();

    assertEquals(5_000, drawn.count());
    assertEquals(List.of("value"), Arrays.asList(drawn.columns()));
    // Uniform draws with replacement: 1000 * (1 - e^-5) = 993.3 distinct rows expected (sd about 2.6).
    long distinct = drawn.select("value").distinct().count();
    assertTrue(distinct >= 985 && distinct <= 1_000, "distinct rows drawn: " + distinct);
    // Each tenth of the source is drawn about 500 times (sd about 21).
    for (Row r : drawn.groupBy(col("value").divide(1_000).cast("int").as("decile")).count().collectAsList()) {
      assertTrue(Math.abs(r.getLong(1) - 500) < 100, "decile " + r.get(0) + " drawn " + r.getLong(1) + " times");
    }
    assertEquals(drawn.collectAsList(), SyntheticMonth.resample(spark, source, 1_000, 5_000, 42).collectAsList());
    assertNotEquals(drawn.collectAsList(), SyntheticMonth.resample(spark, source, 1_000, 5_000, 43).collectAsList());
    drawn.unpersist();
  }

  private static List<Row> moved(Dataset<Row> trips, YearMonth to) {
    return SyntheticMonth.moveToMonth(trips, "lpep_pickup_datetime", "lpep_dropoff_datetime", JAN_2021, to)
        .orderBy("id").collectAsList();
  }

  private static Dataset<Row> trips(Row... rows) {
    return TestSpark.session().createDataFrame(Arrays.asList(rows), RAW);
  }

  private static Row trip(int id, String pickup, String dropoff) {
    return row(id, pickup, dropoff, (double) id);
  }

  private static Row row(int id, String pickup, String dropoff, double fare) {
    List<Object> values = new ArrayList<>();
    values.add(id);
    values.add(pickup == null ? null : LocalDateTime.parse(pickup));
    values.add(dropoff == null ? null : LocalDateTime.parse(dropoff));
    values.add(fare);
    return RowFactory.create(values.toArray());
  }
}
