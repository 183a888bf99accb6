package dev.tripcast.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tripcast.config.Settings;
import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.testing.DataFrameAssertions;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TripFixtures;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class TripFeaturesTest {
  private static final TripFilters COURSE = new TripFilters(1, 60, false);
  private static final TripFilters PRODUCTION = new TripFilters(1, 60, true);

  @Test
  void durationBoundsKeepBothEndsAndDropJustOutside() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2021-01-05T10:00:00", 59, 1, 2, 1.0)       // 59 s: dropped
        .trip("2021-01-05T10:00:00", 60, 1, 2, 1.0)       // exactly 1 min: kept
        .trip("2021-01-05T10:00:00", 3600, 1, 2, 1.0)     // exactly 60 min: kept
        .trip("2021-01-05T10:00:00", 3601, 1, 2, 1.0)     // 60 min 1 s: dropped
        .build();

    Dataset<Row> prepared = TripFeatures.prepare(trips, COURSE, FeatureSet.COURSE).select("source_row", "duration", "drop_reason");

    StructType shape = StructType.fromDDL("source_row BIGINT, duration DOUBLE, drop_reason STRING");
    Dataset<Row> expected = TestSpark.session().createDataFrame(List.of(
        RowFactory.create(0L, 59 / 60.0, "duration_under_min"),
        RowFactory.create(1L, 1.0, null),
        RowFactory.create(2L, 60.0, null),
        RowFactory.create(3L, 3601 / 60.0, "duration_over_max")), shape);
    DataFrameAssertions.assertApproximatelyEqual(expected, prepared.orderBy("source_row"), 1e-12);
  }

  @Test
  void nullTimestampsAndBadDistancesAreCountedUnderTheirReasonAndMissingZonesAreKept() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2021-01-05T10:00:00", 600, 1, 2, 1.0)      // kept
        .trip(null, 600, 1, 2, 1.0)                       // null pickup (and dropoff)
        .trip("2021-01-05T10:00:00", 600, null, 2, 1.0)   // null PULocationID: kept, unknown zone
        .trip("2021-01-05T10:00:00", 600, 1, null, 1.0)   // null DOLocationID: kept, unknown zone
        .trip("2021-01-05T10:00:00", 600, 1, 2, null)     // null distance
        .trip("2021-01-05T10:00:00", 600, 1, 2, -0.5)     // negative distance
        .trip("2021-01-05T10:00:00", 600, 1, 2, 0.0)      // zero distance: kept
        .build();

    List<DropCounts> counts = counts(TripFeatures.prepare(trips, COURSE, FeatureSet.COURSE));

    assertEquals(1, counts.size());
    DropCounts c = counts.get(0);
    assertEquals(7, c.read());
    assertEquals(4, c.kept());
    assertEquals(Map.of(DropReason.NULL_TIMESTAMP, 1L, DropReason.DISTANCE_NULL_OR_NEGATIVE, 2L), nonZero(c.dropped()));
  }

  @Test
  void aMissingZoneIsMinusOneInPuDoAndInTheModelInputButStaysNullWhenPrepared() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2021-01-05T10:00:00", 600, null, 45, 1.0)
        .trip("2021-01-05T10:00:00", 600, 132, null, 1.0)
        .trip("2021-01-05T10:00:00", 600, null, null, 1.0)
        .trip("2021-01-05T10:00:00", 600, 0, null, 1.0)     // out of range wins over the missing one
        .build();

    Dataset<Row> prepared = TripFeatures.prepare(trips, COURSE, FeatureSet.COURSE);
    List<Row> asPrepared = prepared.orderBy("source_row")
        .select("PU_DO", "PULocationID", "DOLocationID", "drop_reason").collectAsList();
    List<Row> modelInput = TripFeatures.fillMissingZones(TripFeatures.keepPlausible(prepared)).orderBy("source_row")
        .select("PULocationID", "DOLocationID").collectAsList();

    assertEquals(List.of(
        RowFactory.create("-1_45", null, 45, null),
        RowFactory.create("132_-1", 132, null, null),
        RowFactory.create("-1_-1", null, null, null),
        RowFactory.create("0_-1", 0, null, "location_out_of_range")), asPrepared);
    assertEquals(List.of(RowFactory.create(-1, 45), RowFactory.create(132, -1), RowFactory.create(-1, -1)), modelInput);
  }

  @Test
  void formerDropReasonIdStillReadsFromOldTables() {
    assertEquals(java.util.Optional.of(DropReason.NULL_TIMESTAMP), DropReason.fromId("null_timestamp_or_location"));
    assertEquals(java.util.Optional.of(DropReason.NULL_TIMESTAMP), DropReason.fromId("null_timestamp"));
  }

  @Test
  void pickupOutsideTheFilesMonthIsDroppedOnlyWhenEnabled() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2009-01-01T00:10:00", 600, 1, 2, 1.0)      // TLC's stray 2009 rows
        .trip("2020-12-31T23:55:00", 600, 1, 2, 1.0)      // starts before the month
        .trip("2021-01-31T23:55:00", 600, 1, 2, 1.0)      // ends in February: pickup counts
        .trip("2021-01-01T00:00:00", 600, 1, 2, 1.0)      // the month's first microsecond: in
        .trip("2021-01-31T23:59:59.999999", 600, 1, 2, 1.0) // its last: in
        .trip("2021-02-01T00:00:00", 600, 1, 2, 1.0)      // the next month's first: out
        .build();

    DropCounts production = counts(TripFeatures.prepare(trips, PRODUCTION, FeatureSet.COURSE)).get(0);
    DropCounts course = counts(TripFeatures.prepare(trips, COURSE, FeatureSet.COURSE)).get(0);

    assertEquals(Map.of(DropReason.PICKUP_OUTSIDE_MONTH, 3L), nonZero(production.dropped()));
    assertEquals(3, production.kept());
    assertEquals(6, course.kept());
  }

  @Test
  void puDoIsBuiltFromIntegerIds() {
    Dataset<Row> trips = TripFixtures.green202101().trip("2021-01-05T10:00:00", 600, 132, 45, 1.0).build();

    Row row = TripFeatures.prepare(trips, COURSE, FeatureSet.COURSE).select("PU_DO").first();

    assertEquals("132_45", row.getString(0));
  }

  @Test
  void brokenAccountingIsRefused() {
    Map<DropReason, Long> dropped = new java.util.EnumMap<>(DropReason.class);
    dropped.put(DropReason.DURATION_OVER_MAX, 1L);
    assertThrows(IllegalStateException.class, () -> new DropCounts("2021-01", "f", 10, 8, dropped));
  }

  private static List<DropCounts> counts(Dataset<Row> prepared) {
    return MonthQuality.compute(prepared).stream().map(MonthQuality::counts).toList();
  }

  private static Map<DropReason, Long> nonZero(Map<DropReason, Long> m) {
    Map<DropReason, Long> out = new java.util.EnumMap<>(DropReason.class);
    m.forEach((k, v) -> {
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }
}
