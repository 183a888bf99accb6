package dev.tripcast.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.holdenkarau.spark.testing.DataFrameSuiteBase$;
import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * spark-testing-base's DataFrame comparisons, used from JUnit 5. Its Java base classes carry
 * JUnit 4 lifecycle annotations and their distributed comparisons serialize the suite itself
 * (which drags in Hive classes), so we call only the driver-side comparisons on small frames:
 * {@code assertSmallDataFrameDataEquals} and the row-level {@code approxEquals}.
 */
public final class DataFrameAssertions {
  private static final JavaDataFrameSuiteBase BASE = new JavaDataFrameSuiteBase();

  private DataFrameAssertions() {}

  /** Same schema and same rows, in any order (small frames only: both are collected). */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    BASE.assertSmallDataFrameDataEquals(expected, actual);
  }

  /** Same schema and rows in the same order, doubles equal within {@code tolerance}. */
  public static void assertApproximatelyEqual(Dataset<Row> expected, Dataset<Row> actual, double tolerance) {
    assertEquals(expected.schema(), actual.schema(), "schemas differ");
    List<Row> e = expected.collectAsList();
    List<Row> a = actual.collectAsList();
    assertEquals(e.size(), a.size(), "row counts differ");
    for (int i = 0; i < e.size(); i++) {
      assertTrue(DataFrameSuiteBase$.MODULE$.approxEquals(e.get(i), a.get(i), tolerance),
          "row " + i + " differs: expected " + e.get(i) + " but was " + a.get(i));
    }
  }
}
