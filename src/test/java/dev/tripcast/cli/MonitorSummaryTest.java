package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.monitoring.CheckRule;
import dev.tripcast.monitoring.Checks;
import dev.tripcast.monitoring.DriftMetric;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exit code of a month's checks: 8 over 7 over 0, WARN never counts. */
class MonitorSummaryTest {
  static Checks.Outcome outcome(String kind, CheckRule.Level level, Checks.Status status) {
    return new Checks.Outcome(new CheckRule("r-" + kind + "-" + level, "*", "s", Optional.empty(), level,
        CheckRule.Action.NONE), kind, 1, 0.5, status);
  }

  @Test
  void exitCodeTellsDriftFromPerformance() {
    Checks.Outcome driftError = outcome(DriftMetric.DATA_DRIFT, CheckRule.Level.ERROR, Checks.Status.ERROR);
    Checks.Outcome perfError = outcome(DriftMetric.PERFORMANCE, CheckRule.Level.ERROR, Checks.Status.ERROR);
    Checks.Outcome perfWarn = outcome(DriftMetric.PERFORMANCE, CheckRule.Level.WARN, Checks.Status.WARN);
    Checks.Outcome ok = outcome(DriftMetric.DATA_DRIFT, CheckRule.Level.ERROR, Checks.Status.OK);

    assertEquals(ExitCode.OK, MonitorSummary.exitCode(List.of(ok, perfWarn)));
    assertEquals(ExitCode.DATA_DRIFT, MonitorSummary.exitCode(List.of(driftError, perfWarn)));
    assertEquals(ExitCode.PERFORMANCE_BREACHED, MonitorSummary.exitCode(List.of(driftError, perfError)));
    assertEquals(7, ExitCode.DATA_DRIFT.code());
    assertEquals(8, ExitCode.PERFORMANCE_BREACHED.code());
  }
}
