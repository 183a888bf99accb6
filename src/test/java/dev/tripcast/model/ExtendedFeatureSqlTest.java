package dev.tripcast.model;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.testing.TestSpark;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The extended statement's hour and day of week (seconds arithmetic) equal Spark's {@code hour()}
 * and {@code dayofweek()} and java.time's calendar, in any session time zone, so a model trained
 * with either statement gives the same features.
 */
class ExtendedFeatureSqlTest {
  @Test
  void hourAndDayOfWeekEqualSparksAndTheCalendarInAnySessionZone() {
    List<Row> times = new ArrayList<>();
    for (String t : List.of("2021-03-14T01:59:59.999999", "2021-03-14T02:30:00", "2021-03-14T03:00:00",
        "2021-11-07T01:30:00", "2021-01-31T23:59:59.999999", "2021-02-01T00:00:00", "1970-01-01T00:00:00",
        "1969-12-31T23:00:00.5", "2009-01-01T00:03:25", "2031-06-15T13:45:10.000001", "2024-02-29T23:59:59")) {
      times.add(RowFactory.create(LocalDateTime.parse(t)));
    }
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) { // any second of 2009–2035, TLC's years and the synthetic ones
      times.add(RowFactory.create(LocalDateTime.of(2009, 1, 1, 0, 0).plusSeconds(random.nextInt(27 * 365 * 86_400))));
    }
    SparkSession spark = TestSpark.session();
    String before = spark.conf().get("spark.sql.session.timeZone");
    try {
      for (String zone : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
        spark.conf().set("spark.sql.session.timeZone", zone);
        List<Row> rows = spark.createDataFrame(times, StructType.fromDDL("t TIMESTAMP_NTZ"))
            .select(expr("t"), expr(ExtendedPipeline.hourOfDay("t")), expr(ExtendedPipeline.dayOfWeek("t")),
                expr("hour(t)"), expr("dayofweek(t)"))
            .collectAsList();
        for (Row r : rows) {
          LocalDateTime t = r.getAs(0);
          assertEquals(t.getHour(), ((Number) r.get(1)).intValue(), "hour of " + t + " in " + zone);
          assertEquals(t.getDayOfWeek().getValue() % 7 + 1, ((Number) r.get(2)).intValue(), "day of week of " + t + " in " + zone);
          assertEquals(r.getInt(3), ((Number) r.get(1)).intValue(), "Spark's hour() of " + t + " in " + zone);
          assertEquals(r.getInt(4), ((Number) r.get(2)).intValue(), "Spark's dayofweek() of " + t + " in " + zone);
        }
      }
    } finally {
      spark.conf().set("spark.sql.session.timeZone", before);
    }
  }
}
