package dev.tripcast.model;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Regression error of one set of rows, in minutes: {@code n}, RMSE, MAE, R² and bias (mean of
 * actual − predicted). Computed from additive sums, so segments combine exactly.
 *
 * @param n rows
 * @param rmse root mean squared error, minutes (NaN if n = 0)
 * @param mae mean absolute error, minutes
 * @param r2 coefficient of determination, 1 − SSE/SST
 * @param bias mean of (actual − predicted), minutes
 */
public record RegressionMetrics(long n, double rmse, double mae, double r2, double bias) {

  /** Sufficient statistics: n, Σd, Σd², Σ|d|, Σy, Σy² with d = y − ŷ. */
  record Sums(long n, double sumDiff, double sumSq, double sumAbs, double sumY, double sumY2) {
    Sums plus(Sums o) {
      return new Sums(n + o.n, sumDiff + o.sumDiff, sumSq + o.sumSq, sumAbs + o.sumAbs, sumY + o.sumY, sumY2 + o.sumY2);
    }

    RegressionMetrics metrics() {
      double sst = sumY2 - sumY * sumY / n;
      return new RegressionMetrics(n, Math.sqrt(sumSq / n), sumAbs / n, 1 - sumSq / sst, sumDiff / n);
    }
  }

  /**
   * Metrics overall and per value of a boolean segment column, in one Spark job.
   *
   * @param rows rows with a label, a prediction and the segment column
   * @param labelCol actual duration, minutes
   * @param predictionCol predicted duration, minutes
   * @param segmentCol boolean column (e.g. {@code pu_do_seen})
   * @return "overall", then "true"/"false" segments that have rows
   */
  public static Map<String, RegressionMetrics> bySegment(
      Dataset<Row> rows, String labelCol, String predictionCol, String segmentCol) {
    Column d = col(labelCol).minus(col(predictionCol));
    Column y = col(labelCol);
    java.util.List<Row> groups = rows.groupBy(col(segmentCol).cast("string"))
        .agg(count(lit(1)), sum(d), sum(d.multiply(d)), sum(abs(d)), sum(y), sum(y.multiply(y)))
        .collectAsList();
    Map<String, RegressionMetrics> out = new LinkedHashMap<>();
    Sums total = new Sums(0, 0, 0, 0, 0, 0);
    Map<String, Sums> segments = new LinkedHashMap<>();
    for (Row g : groups) {
      Sums s = new Sums(g.getLong(1), g.getDouble(2), g.getDouble(3), g.getDouble(4), g.getDouble(5), g.getDouble(6));
      segments.put(String.valueOf(g.getString(0)), s);
      total = total.plus(s);
    }
    out.put("overall", total.metrics());
    for (String key : new String[] {"true", "false"}) {
      if (segments.containsKey(key)) {
        out.put(key, segments.get(key).metrics());
      }
    }
    return out;
  }
}
