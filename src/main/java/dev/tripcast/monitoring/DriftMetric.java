package dev.tripcast.monitoring;

/**
 * One row of {@code drift_metrics} ({@link DriftMetricsTable}): one statistic of one column in one
 * window, against one comparison, with its threshold and verdict.
 *
 * @param granularity {@link #MONTH} or {@link #DAY}
 * @param window "YYYY-MM" or "YYYY-MM-DD" (pickup date, New York local time)
 * @param kind {@link #DATA_DRIFT} (the inputs and predictions moved) or {@link #PERFORMANCE} (the
 *     model got worse, from labels)
 * @param column a profiled column, or {@link #DATASET} for the share of drifted columns
 * @param statistic e.g. "normed_wasserstein", "psi", "jensen_shannon", "unseen_share",
 *     "missing_share_change", "drifted_column_share", "ks_p_value", "chi_square_p_value",
 *     "rmse_ratio", "bias_shift_minutes"
 * @param comparedTo {@link #BASELINE} (the model's reference profile) or {@link #PREVIOUS_WINDOW}
 *     (the day before; for a month, the month before)
 * @param value the statistic, never NaN
 * @param threshold drift at or above it ({@code bias_shift_minutes}: absolute value at or above
 *     it; the p-values: at or below it)
 * @param drifted the verdict
 * @param rows trips in the window
 * @param comparedRows trips in the reference or previous window
 */
public record DriftMetric(String granularity, String window, String kind, String column, String statistic,
    String comparedTo, double value, double threshold, boolean drifted, long rows, long comparedRows) {
  public static final String MONTH = "month";
  public static final String DAY = "day";
  public static final String DATA_DRIFT = "data_drift";
  public static final String PERFORMANCE = "performance";
  public static final String DATASET = "*";
  public static final String BASELINE = "baseline";
  public static final String PREVIOUS_WINDOW = "previous_window";

  public DriftMetric {
    if (!Double.isFinite(value) || !Double.isFinite(threshold)) {
      throw new IllegalStateException(statistic + " of " + column + " in " + window + " is " + value
          + " (threshold " + threshold + "): a monitoring bug, no statistic may be NaN or infinite");
    }
  }
}
