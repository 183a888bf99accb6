package dev.tripcast.monitoring;

import dev.tripcast.tables.Table;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code drift_metrics} Delta table ({@link #TABLE}), partitioned by {@code taxi_type},
 * {@code month}; one row per {@link DriftMetric}. A monitoring run replaces its (taxi type, month,
 * model version), so re-running a month gives the same rows (the run is in the commit's
 * {@code userMetadata}, not in the rows).
 *
 * <pre>
 * taxi_type      string
 * month          string   service month "YYYY-MM"
 * model_version  string   the version that scored the month, e.g. "v3"
 * granularity    string   "month" | "day"
 * window         string   "YYYY-MM" | "YYYY-MM-DD" (pickup date, New York local time)
 * kind           string   "data_drift" | "performance"
 * column_name    string   profiled column, or "*" for the dataset
 * statistic      string   normed_wasserstein, psi, jensen_shannon, unseen_share, missing_share_change,
 *                         drifted_column_share, ks_p_value, chi_square_p_value (windows under 1,000
 *                         trips), rmse_ratio, bias_shift_minutes
 * compared_to    string   "baseline" (the model's reference profile) | "previous_window" (the day
 *                         before; for a month, the month before monitored with the same version)
 * value          double   never NaN
 * threshold      double
 * drifted        boolean  value &gt;= threshold (bias: |value| &gt;= threshold; p-values: value &lt;= threshold)
 * rows           bigint   trips in the window
 * compared_rows  bigint   trips in the reference or previous window
 * </pre>
 */
public final class DriftMetricsTable {
  /** The table; a run replaces its taxi type, month and model version. */
  public static final Table TABLE = Table.of("drift_metrics", String.join(", ",
          "taxi_type STRING", "month STRING", "model_version STRING", "granularity STRING", "window STRING",
          "kind STRING", "column_name STRING", "statistic STRING", "compared_to STRING", "value DOUBLE",
          "threshold DOUBLE", "drifted BOOLEAN", "rows BIGINT", "compared_rows BIGINT"),
      List.of("taxi_type", "month"), List.of("taxi_type", "month", "model_version"),
      "one drift or performance statistic of one column in one window (month or day) against the model's reference"
          + " or the previous window");

  private DriftMetricsTable() {}

  /** The table rows of one monitored month; a tiny local Dataset. */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String month, String modelVersion,
      List<DriftMetric> metrics) {
    List<Row> rows = metrics.stream().map(m -> RowFactory.create(taxiType, month, modelVersion, m.granularity(),
        m.window(), m.kind(), m.column(), m.statistic(), m.comparedTo(), m.value(), m.threshold(), m.drifted(),
        m.rows(), m.comparedRows())).toList();
    return spark.createDataFrame(rows, TABLE.schema());
  }

  /** A row read back. */
  public static DriftMetric fromRow(Row r) {
    return new DriftMetric(r.getAs("granularity"), r.getAs("window"), r.getAs("kind"), r.getAs("column_name"),
        r.getAs("statistic"), r.getAs("compared_to"), r.<Double>getAs("value"), r.<Double>getAs("threshold"),
        r.<Boolean>getAs("drifted"), r.<Long>getAs("rows"), r.<Long>getAs("compared_rows"));
  }
}
