package dev.tripcast.reports;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class DistanceBucketsTest {

  @Test
  void defaultBoundsAreLowerInclusiveUpperExclusive() {
    List<Double> bounds = TestSettings.defaults(Path.of("unused-data"), Path.of("unused-work"))
        .reports().distanceBucketBoundsMiles();
    assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0), bounds);

    Map<Double, String> expected = new LinkedHashMap<>();
    expected.put(0.0, "[0,1)");
    expected.put(0.5, "[0,1)");
    expected.put(0.999, "[0,1)");
    expected.put(1.0, "[1,2)");
    expected.put(1.5, "[1,2)");
    expected.put(2.0, "[2,5)");
    expected.put(9.99, "[5,10)");
    expected.put(10.0, "[10,20)");
    expected.put(19.99, "[10,20)");
    expected.put(20.0, "[20,inf)");
    expected.put(25.0, "[20,inf)");
    expected.put(50_000.0, "[20,inf)");
    assertEquals(expected, labels(List.copyOf(expected.keySet()), bounds));
  }

  @Test
  void fractionalBoundsKeepTheirDecimalsAndWholeOnesDropThem() {
    List<Double> bounds = List.of(0.5, 2.0, 2.5);
    Map<Double, String> expected = new LinkedHashMap<>();
    expected.put(0.25, "[0,0.5)");
    expected.put(0.5, "[0.5,2)");
    expected.put(2.0, "[2,2.5)");
    expected.put(3.0, "[2.5,inf)");
    assertEquals(expected, labels(List.copyOf(expected.keySet()), bounds));
  }

  @Test
  void oneBoundMakesTwoBuckets() {
    assertEquals(Map.of(3.0, "[0,10)", 10.0, "[10,inf)"), labels(List.of(3.0, 10.0), List.of(10.0)));
  }

  @Test
  void missingDistanceHasNoBucketNotTheOpenLastOne() {
    Row r = TestSpark.session().sql("SELECT CAST(NULL AS DOUBLE) AS miles")
        .select(DistanceBuckets.index(col("miles"), List.of(1.0, 20.0))).first();
    assertTrue(r.isNullAt(0)); // the report labels it "(no distance)" (ErrorReportTest)
  }

  /** distance → label, evaluated by Spark. */
  private static Map<Double, String> labels(List<Double> distances, List<Double> bounds) {
    List<Row> rows = TestSpark.session().createDataset(distances, Encoders.DOUBLE()).toDF("miles")
        .select(col("miles"),
            DistanceBuckets.labelOfIndex(DistanceBuckets.index(col("miles"), bounds), bounds).as("bucket"))
        .collectAsList();
    Map<Double, String> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.getDouble(0), r.getString(1)));
    return out;
  }
}
