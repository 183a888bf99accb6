package dev.tripcast.monitoring;

import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.reports.ErrorMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * "The model got worse", as {@link DriftMetric} rows of kind {@link DriftMetric#PERFORMANCE}: the
 * month's overall error (from {@code error_report}'s committed rows, i.e. from labels) against the
 * model's own validation figures in its model card. Not computed on a month the model was
 * validated on ({@code MonitorJob}): that month cannot judge it.
 */
public final class PerformanceComparison {
  static final String RMSE_RATIO = "rmse_ratio";
  static final String BIAS_SHIFT_MINUTES = "bias_shift_minutes";
  /** The column the performance rows are about: the trip duration the model predicts. */
  static final String TARGET = "duration";

  private PerformanceComparison() {}

  /**
   * @param month the month's {@code overall}/{@code all} error-report row
   * @param validation the model card's validation metrics (RMSE, bias in minutes)
   * @return {@code rmse_ratio} (month RMSE / validation RMSE; none if the validation RMSE is 0)
   *     and {@code bias_shift_minutes}: the month's bias (mean actual − predicted, minutes) minus
   *     the validation bias, drifted when its absolute value is at or above the threshold. A
   *     model's bias on its own validation month is not zero (1.46 min for the course model on
   *     2021-02), so comparing with zero would fire on every month the model is fine on.
   */
  public static List<DriftMetric> compare(ErrorMetrics month, RegressionMetrics validation,
      MonitoringParams.Thresholds t) {
    List<DriftMetric> out = new ArrayList<>();
    if (validation.rmse() > 0 && Double.isFinite(month.rmse())) {
      double ratio = month.rmse() / validation.rmse();
      out.add(new DriftMetric(DriftMetric.MONTH, month.month().toString(), DriftMetric.PERFORMANCE, TARGET, RMSE_RATIO,
          DriftMetric.BASELINE, ratio, t.rmseRatio(), ratio >= t.rmseRatio(), month.n(), validation.n()));
    }
    double shift = month.bias() - validation.bias();
    if (Double.isFinite(shift)) {
      out.add(new DriftMetric(DriftMetric.MONTH, month.month().toString(), DriftMetric.PERFORMANCE, TARGET,
          BIAS_SHIFT_MINUTES, DriftMetric.BASELINE, shift, t.biasShiftMinutes(), Math.abs(shift) >= t.biasShiftMinutes(),
          month.n(), validation.n()));
    }
    return out;
  }
}
