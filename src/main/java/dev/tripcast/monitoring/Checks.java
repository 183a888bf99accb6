package dev.tripcast.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates the {@link CheckRule}s on a month's {@link DriftMetric}s (month granularity, against
 * the baseline): each rule gives one {@link Outcome}. Pure driver code.
 */
public final class Checks {
  private Checks() {}

  /**
   * One rule's verdict on a month.
   *
   * @param rule the rule
   * @param kind the watched row's kind ({@link DriftMetric#DATA_DRIFT} or {@link DriftMetric#PERFORMANCE});
   *     for a rule without a row, performance if its statistic is "rmse_ratio" or "bias_shift_minutes"
   * @param value the statistic's value; 0 when {@link Status#NO_DATA}
   * @param threshold the threshold applied
   * @param status the verdict
   */
  public record Outcome(CheckRule rule, String kind, double value, double threshold, Status status) {
    /** Whether the rule fired. */
    public boolean fired() {
      return status == Status.WARN || status == Status.ERROR;
    }
  }

  /** A rule's verdict: passed, fired (at its level), or nothing to judge (no such row this month). */
  public enum Status { OK, WARN, ERROR, NO_DATA }

  /** Every rule's outcome, in rule order. */
  public static List<Outcome> evaluate(List<CheckRule> rules, List<DriftMetric> metrics) {
    List<Outcome> out = new ArrayList<>();
    for (CheckRule rule : rules) {
      Optional<DriftMetric> row = metrics.stream().filter(m -> m.granularity().equals(DriftMetric.MONTH)
          && m.comparedTo().equals(DriftMetric.BASELINE) && m.column().equals(rule.column())
          && m.statistic().equals(rule.statistic())).findFirst();
      if (row.isEmpty()) {
        String kind = rule.statistic().equals(PerformanceComparison.RMSE_RATIO)
            || rule.statistic().equals(PerformanceComparison.BIAS_SHIFT_MINUTES) ? DriftMetric.PERFORMANCE : DriftMetric.DATA_DRIFT;
        out.add(new Outcome(rule, kind, 0, rule.threshold().orElse(0.0), Status.NO_DATA));
        continue;
      }
      DriftMetric m = row.get();
      double threshold = rule.threshold().orElse(m.threshold());
      Status status = !fires(m, threshold) ? Status.OK
          : rule.level() == CheckRule.Level.ERROR ? Status.ERROR : Status.WARN;
      out.add(new Outcome(rule, m.kind(), m.value(), threshold, status));
    }
    return out;
  }

  /**
   * Whether a row breaks a threshold: a p-value ({@code *_p_value}) at or below it, a bias shift
   * whose absolute value is at or above it, any other statistic at or above it.
   */
  static boolean fires(DriftMetric m, double threshold) {
    if (m.statistic().endsWith("_p_value")) {
      return m.value() <= threshold;
    }
    double compared = m.statistic().equals(PerformanceComparison.BIAS_SHIFT_MINUTES) ? Math.abs(m.value()) : m.value();
    return compared >= threshold;
  }
}
