package dev.tripcast.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tripcast.testing.TestSpark;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Wall-clock arithmetic must match java.time's calendar and ignore the session time zone. */
class WallClockTest {
  private static final List<String> TIMES = List.of(
      "2021-03-14T01:59:59.999999", "2021-03-14T02:30:00", // New York's spring-forward gap
      "2021-11-07T01:30:00", "2021-01-31T23:59:59.999999", "2021-02-01T00:00:00",
      "1969-12-31T23:00:00.5", "1970-01-01T00:00:00", "2009-01-01T00:03:25", "2031-06-15T13:45:10.000001");

  @Test
  void epochMicrosHourAndWeekdayFollowTheWallClockInAnySessionZone() {
    for (String zone : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
      List<Row> rows = withSessionZone(zone, () -> times().select(col("t"),
          WallClock.epochMicros(col("t")), WallClock.fromEpochMicros(WallClock.epochMicros(col("t"))),
          WallClock.hourOfDay(col("t")), WallClock.weekdayFromMonday(col("t"))).collectAsList());
      for (Row r : rows) {
        LocalDateTime t = r.getAs(0);
        assertEquals(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t), r.getLong(1), t + " in " + zone);
        assertEquals(t, r.get(2), "round trip of " + t + " in " + zone);
        assertEquals(t.getHour(), r.getInt(3), "hour of " + t + " in " + zone);
        assertEquals(t.getDayOfWeek().getValue() - 1, r.getInt(4), "weekday of " + t + " in " + zone);
      }
    }
  }

  @Test
  void differencesAndShiftsAreExactAcrossADaylightSavingChange() {
    Row r = withSessionZone("America/New_York", () -> times().limit(1).select(
        WallClock.microsBetween(lit(LocalDateTime.parse("2021-03-14T01:50:00")), lit(LocalDateTime.parse("2021-03-14T03:10:00"))),
        WallClock.plusMicros(lit(LocalDateTime.parse("2021-03-14T01:50:00")), lit(80 * 60_000_000L)),
        WallClock.plusMicros(lit(LocalDateTime.parse("2021-01-01T00:00:00")), lit(-1L)),
        WallClock.utcWallClock(lit(java.sql.Timestamp.from(java.time.Instant.parse("2021-03-14T07:30:00Z"))))).first());
    assertEquals(80 * 60_000_000L, r.getLong(0));
    assertEquals(LocalDateTime.parse("2021-03-14T03:10:00"), r.get(1));
    assertEquals(LocalDateTime.parse("2020-12-31T23:59:59.999999"), r.get(2));
    assertEquals(LocalDateTime.parse("2021-03-14T07:30:00"), r.get(3));
  }

  @Test
  void nullsStayNull() {
    Row r = times().limit(1).select(WallClock.epochMicros(lit(null).cast("timestamp_ntz")),
        WallClock.hourOfDay(lit(null).cast("timestamp_ntz")), WallClock.fromEpochMicros(lit(null).cast("bigint"))).first();
    assertNull(r.get(0));
    assertNull(r.get(1));
    assertNull(r.get(2));
  }

  private static Dataset<Row> times() {
    List<Row> rows = new ArrayList<>();
    for (String t : TIMES) {
      rows.add(RowFactory.create(LocalDateTime.parse(t)));
    }
    return TestSpark.session().createDataFrame(rows, StructType.fromDDL("t TIMESTAMP_NTZ"));
  }

  private static <T> T withSessionZone(String zone, java.util.function.Supplier<T> body) {
    SparkSession spark = TestSpark.session();
    String before = spark.conf().get("spark.sql.session.timeZone");
    try {
      spark.conf().set("spark.sql.session.timeZone", zone);
      return body.get();
    } finally {
      spark.conf().set("spark.sql.session.timeZone", before);
    }
  }
}
