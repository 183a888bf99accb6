package dev.tripcast.htmlreport;

import java.time.YearMonth;

/**
 * One {@code checks} row whose rule fired ({@code status} "warn" or "error") on a month, for the
 * version that serves it.
 *
 * @param month the service month
 * @param modelVersion the version monitored, e.g. "v1"
 * @param rule the rule's name, e.g. "dataset-drift"
 * @param column the column it watches, or "*" for the dataset
 * @param statistic e.g. "drifted_column_share", "rmse_ratio"
 * @param value the month's value of the statistic
 * @param threshold the rule's threshold
 * @param level "WARN" or "ERROR"
 * @param action "NONE" or "RETRAIN"
 */
public record FiredCheck(YearMonth month, String modelVersion, String rule, String column, String statistic,
    double value, double threshold, String level, String action) {

  /** A {@code checks} row read back. */
  static FiredCheck fromRow(org.apache.spark.sql.Row r) {
    return new FiredCheck(YearMonth.parse(r.getAs("month")), r.getAs("model_version"), r.getAs("rule"),
        r.getAs("column_name"), r.getAs("statistic"), r.<Double>getAs("value"), r.<Double>getAs("threshold"),
        r.getAs("level"), r.getAs("action"));
  }
}
