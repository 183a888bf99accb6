package dev.tripcast.monitoring;

import java.util.Optional;

/**
 * A monitoring rule from {@code tripcast.monitoring.rules}: which month-level statistic of
 * {@code drift_metrics} (against the baseline) it watches, at what threshold, how loud it is and
 * what it asks for.
 *
 * @param name unique id, e.g. "prediction-drift"
 * @param column a profiled column, or "*" for the dataset
 * @param statistic a {@code drift_metrics} statistic, e.g. "normed_wasserstein", "rmse_ratio"
 * @param threshold fires at or above it (bias: absolute value); empty: the statistic's own
 *     threshold from {@code tripcast.monitoring.thresholds}
 * @param level {@link Level#WARN} (recorded) or {@link Level#ERROR} (recorded, and the exit code says so)
 * @param action {@link Action#NONE} or {@link Action#RETRAIN} (nightly then runs the lifecycle's retrain)
 */
public record CheckRule(String name, String column, String statistic, Optional<Double> threshold, Level level,
    Action action) {

  /** How loud a fired rule is. */
  public enum Level { WARN, ERROR }

  /** What a fired rule asks for. */
  public enum Action { NONE, RETRAIN }
}
