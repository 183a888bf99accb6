package dev.tripcast.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.monitoring.MonthQuality;
import dev.tripcast.testing.TripFixtures;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Values no TLC data dictionary allows, in canonical rows: each is counted under one named drop
 * reason or kept with the meaning docs/data-contract.md ("Bad values") gives it, and
 * {@code read = kept + Σ dropped} holds.
 */
class BadValuesTest {
  private static final TripFilters COURSE = new TripFilters(1, 60, false);
  private static final TripFilters PRODUCTION = new TripFilters(1, 60, true);

  @Test
  void nanAndInfiniteDistancesAreNonFiniteValuesWhereTheDistanceIsAFeature() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2021-01-05T10:00:00", 600, 1, 2, 1.0)                      // kept
        .trip("2021-01-05T10:00:00", 600, 1, 2, Double.NaN)
        .trip("2021-01-05T10:00:00", 600, 1, 2, Double.POSITIVE_INFINITY)
        .trip("2021-01-05T10:00:00", 600, 1, 2, Double.NEGATIVE_INFINITY) // non-finite, not "negative"
        .trip("2021-01-05T10:00:00", 600, 1, 2, -0.5)                     // negative: its own reason
        .trip("2021-01-05T10:00:00", 600, 1, 2, null)
        .build();

    DropCounts course = counts(trips, COURSE, FeatureSet.COURSE);
    DropCounts extended = counts(trips, COURSE, FeatureSet.EXTENDED);
    DropCounts homework = counts(trips, COURSE, FeatureSet.HOMEWORK);

    Map<DropReason, Long> expected = Map.of(DropReason.NON_FINITE_VALUE, 3L, DropReason.DISTANCE_NULL_OR_NEGATIVE, 2L);
    assertEquals(expected, nonZero(course.dropped()));
    assertEquals(1, course.kept());
    assertEquals(expected, nonZero(extended.dropped()));
    assertEquals(6, homework.kept(), "homework does not read the distance, so no distance rule applies");
  }

  @Test
  void absurdDistancesFarTimestampsAndDuplicatesAreKeptAsTheContractSays() {
    Dataset<Row> trips = TripFixtures.green202101()
        .trip("2021-01-05T10:00:00", 600, 1, 2, 1.0)
        .trip("2021-01-05T10:00:00", 600, 1, 2, 1.0)          // an exact duplicate: kept
        .trip("2021-01-05T10:00:00", 600, 1, 2, 1e6)          // a million miles: finite, kept
        .trip("2021-01-05T10:00:00", 600, 1, 2, Double.MAX_VALUE)
        .trip("1900-01-01T00:00:00", 600, 1, 2, 1.0)          // far past, in-range duration
        .trip("2999-12-31T23:00:00", 600, 1, 2, 1.0)          // far future
        .trip("2021-01-05T10:00:00", 600, 0, 2, 1.0)          // zone 0: a NaN cast to int
        .trip("2021-01-05T10:00:00", 600, Integer.MAX_VALUE, 2, 1.0) // +Infinity cast to int
        .build();

    DropCounts course = counts(trips, COURSE, FeatureSet.COURSE);
    DropCounts production = counts(trips, PRODUCTION, FeatureSet.COURSE);

    assertEquals(Map.of(DropReason.LOCATION_OUT_OF_RANGE, 2L), nonZero(course.dropped()));
    assertEquals(6, course.kept());
    assertEquals(Map.of(DropReason.LOCATION_OUT_OF_RANGE, 2L, DropReason.PICKUP_OUTSIDE_MONTH, 2L),
        nonZero(production.dropped()));
    assertEquals(8, production.read());
  }

  private static DropCounts counts(Dataset<Row> trips, TripFilters filters, FeatureSet featureSet) {
    return MonthQuality.compute(TripFeatures.prepare(trips, filters, featureSet)).get(0).counts();
  }

  private static Map<DropReason, Long> nonZero(Map<DropReason, Long> m) {
    Map<DropReason, Long> out = new EnumMap<>(DropReason.class);
    m.forEach((k, v) -> {
      if (v != 0) {
        out.put(k, v);
      }
    });
    return out;
  }
}
