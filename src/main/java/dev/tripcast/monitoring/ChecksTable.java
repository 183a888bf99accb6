package dev.tripcast.monitoring;

import dev.tripcast.tables.Table;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code checks} Delta table ({@link #TABLE}), partitioned by {@code taxi_type}, {@code month}:
 * one row per rule and monitored month; a run replaces its (taxi type, month, model version).
 *
 * <pre>
 * taxi_type      string
 * month          string     "YYYY-MM"
 * model_version  string
 * rule           string     CheckRule name
 * kind           string     "data_drift" | "performance"
 * column_name    string
 * statistic      string
 * value          double     0 when status is "no_data"
 * threshold      double
 * level          string     "WARN" | "ERROR"
 * action         string     "NONE" | "RETRAIN"
 * status         string     "ok" | "warn" | "error" | "no_data"
 * run_id         string     the monitoring run
 * checked_at     timestamp  when the run started (UTC instant)
 * </pre>
 */
public final class ChecksTable {
  /** The table; a run replaces its taxi type, month and model version. */
  public static final Table TABLE = Table.of("checks", String.join(", ",
          "taxi_type STRING", "month STRING", "model_version STRING", "rule STRING", "kind STRING",
          "column_name STRING", "statistic STRING", "value DOUBLE", "threshold DOUBLE", "level STRING",
          "action STRING", "status STRING", "run_id STRING", "checked_at TIMESTAMP"),
      List.of("taxi_type", "month"), List.of("taxi_type", "month", "model_version"),
      "one monitoring rule's verdict on one month: value, threshold, status and the run that checked it");

  private ChecksTable() {}

  /** The table rows of one month's outcomes; a tiny local Dataset. */
  public static Dataset<Row> rows(SparkSession spark, String taxiType, String month, String modelVersion, String runId,
      Timestamp checkedAt, List<Checks.Outcome> outcomes) {
    List<Row> rows = outcomes.stream().map(o -> RowFactory.create(taxiType, month, modelVersion, o.rule().name(),
        o.kind(), o.rule().column(), o.rule().statistic(), o.value(), o.threshold(), o.rule().level().name(),
        o.rule().action().name(), o.status().name().toLowerCase(java.util.Locale.ROOT), runId, checkedAt)).toList();
    return spark.createDataFrame(rows, TABLE.schema());
  }
}
