package dev.tripcast.monitoring;

import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.reports.ErrorMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * "The model got worse", as {@link DriftMetric} rows of kind {@link DriftMetric#PERFORMANCE}: the
 * month's overall error (from {@code error_report}'s committed rows, i.e. from labels) against the
 * model's own validation figures in its model card.
 */
public final class PerformanceComparison {
  static final String RMSE_RATIO = "rmse_ratio";
  static final String BIAS_MINUTES = "bias_minutes";
  /** The column the performance rows are about: the trip duration the model predicts. */
  static final String TARGET = "duration";

  private PerformanceComparison() {}

  /**
   * @param month the month's {@code overall}/{@code all} error-report row
   * @param validation the model card's validation metrics (RMSE, bias in minutes)
   * @return {@code rmse_ratio} (month RMSE / validation RMSE; none if the validation RMSE is 0)
   *     and {@code bias_minutes} (mean actual − predicted, drifted when |bias| ≥ threshold)
   */
  public static List<DriftMetric> compare(ErrorMetrics month, RegressionMetrics validation,
      MonitoringParams.Thresholds t) {
    List<DriftMetric> out = new ArrayList<>();
    if (validation.rmse() > 0 && Double.isFinite(month.rmse())) {
      double ratio = month.rmse() / validation.rmse();
      out.add(new DriftMetric(DriftMetric.MONTH, month.month().toString(), DriftMetric.PERFORMANCE, TARGET, RMSE_RATIO,
          DriftMetric.BASELINE, ratio, t.rmseRatio(), ratio >= t.rmseRatio(), month.n(), validation.n()));
    }
    if (Double.isFinite(month.bias())) {
      out.add(new DriftMetric(DriftMetric.MONTH, month.month().toString(), DriftMetric.PERFORMANCE, TARGET,
          BIAS_MINUTES, DriftMetric.BASELINE, month.bias(), t.biasMinutes(), Math.abs(month.bias()) >= t.biasMinutes(),
          month.n(), validation.n()));
    }
    return out;
  }
}
