package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Checks} on hand-made month rows: default and own thresholds, absolute bias, missing rows. */
class ChecksTest {
  static DriftMetric row(String kind, String column, String statistic, double value, double threshold) {
    return new DriftMetric(DriftMetric.MONTH, "2021-03", kind, column, statistic, DriftMetric.BASELINE, value, threshold,
        value >= threshold, 1000, 2000);
  }

  static CheckRule rule(String name, String column, String statistic, Double threshold, CheckRule.Level level) {
    return new CheckRule(name, column, statistic, Optional.ofNullable(threshold), level, CheckRule.Action.RETRAIN);
  }

  @Test
  void eachRuleJudgesItsMonthRow() {
    List<DriftMetric> metrics = List.of(
        row(DriftMetric.DATA_DRIFT, "prediction", "normed_wasserstein", 0.15, 0.1),
        row(DriftMetric.DATA_DRIFT, "duration", "psi", 0.2, 0.1),
        row(DriftMetric.PERFORMANCE, "duration", "bias_shift_minutes", -1.3, 1.0),
        // a day row must not count for the month
        new DriftMetric(DriftMetric.DAY, "2021-03-02", DriftMetric.DATA_DRIFT, "*", "drifted_column_share",
            DriftMetric.BASELINE, 0.9, 0.5, true, 10, 2000));
    List<Checks.Outcome> outcomes = Checks.evaluate(List.of(
        rule("prediction-drift", "prediction", "normed_wasserstein", null, CheckRule.Level.WARN),
        rule("duration-psi-major", "duration", "psi", 0.25, CheckRule.Level.ERROR),
        rule("bias", "duration", "bias_shift_minutes", null, CheckRule.Level.ERROR),
        rule("dataset-drift", "*", "drifted_column_share", null, CheckRule.Level.ERROR),
        rule("rmse-ratio", "duration", "rmse_ratio", null, CheckRule.Level.ERROR)), metrics);

    assertEquals(List.of(Checks.Status.WARN, Checks.Status.OK, Checks.Status.ERROR, Checks.Status.NO_DATA,
        Checks.Status.NO_DATA), outcomes.stream().map(Checks.Outcome::status).toList());
    assertEquals(0.25, outcomes.get(1).threshold(), "a rule's own threshold overrides the statistic's");
    assertEquals(-1.3, outcomes.get(2).value(), "the bias keeps its sign; |−1.3| ≥ 1.0 fires");
    assertEquals(DriftMetric.PERFORMANCE, outcomes.get(4).kind());
  }

  @Test
  void aPValueFiresAtOrBelowItsThreshold() {
    List<Checks.Outcome> outcomes = Checks.evaluate(List.of(
        rule("ks", "duration", "ks_p_value", 0.05, CheckRule.Level.ERROR),
        rule("chi", "PU_DO", "chi_square_p_value", 0.05, CheckRule.Level.WARN)), List.of(
        row(DriftMetric.DATA_DRIFT, "duration", "ks_p_value", 0.05, 0.05),
        row(DriftMetric.DATA_DRIFT, "PU_DO", "chi_square_p_value", 0.30, 0.05)));

    assertEquals(List.of(Checks.Status.ERROR, Checks.Status.OK), outcomes.stream().map(Checks.Outcome::status).toList());
  }
}
