package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares the {@code error_report} rows of two runs of the same month and model made under
 * different partitionings (a cluster against local mode, an S3 read against a local one).
 */
public final class ErrorReportRows {
  /**
   * Counts exact; RMSE, MAE and bias are sums in another order: equal within 1e-9 minutes. So are
   * p50 and p90: their bins and the bins' smallest and largest |diff| do not depend on the order
   * rows arrive in ({@code ErrorReport#build}). (Spark's {@code percentile_approx} would pick
   * elements a rank apart under two partitionings: up to 0.015 min.)
   */
  private static final double TOLERANCE = 1e-9;

  private ErrorReportRows() {}

  /** Asserts the same (month, dimension, segment) rows, with equal figures within the tolerances above. */
  public static void assertMatch(Dataset<Row> expected, Dataset<Row> actual) {
    Map<String, Row> want = byKey(expected);
    Map<String, Row> got = byKey(actual);
    assertEquals(want.keySet(), got.keySet());
    want.forEach((key, w) -> {
      Row g = got.get(key);
      assertEquals(w.<Long>getAs("n"), g.<Long>getAs("n"), key);
      for (String metric : List.of("rmse", "mae", "bias", "p50_abs_error", "p90_abs_error")) {
        assertEquals(w.<Double>getAs(metric), g.<Double>getAs(metric), TOLERANCE, key + " " + metric);
      }
    });
  }

  private static Map<String, Row> byKey(Dataset<Row> report) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : report.collectAsList()) {
      out.put(r.<String>getAs("month") + "/" + r.<String>getAs("model_version") + "/" + r.<String>getAs("dimension")
          + "/" + r.<String>getAs("segment"), r);
    }
    return out;
  }
}
