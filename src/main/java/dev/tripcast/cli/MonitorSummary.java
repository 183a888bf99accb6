package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MonitorJob;
import dev.tripcast.jobs.RunLog;
import dev.tripcast.monitoring.CheckRule;
import dev.tripcast.monitoring.Checks;
import dev.tripcast.monitoring.DriftMetric;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code monitor} prints and records, and the exit code its checks give. */
final class MonitorSummary {
  private MonitorSummary() {}

  /**
   * Prints the month's drifted statistics and fired rules.
   *
   * @return {@link ExitCode#PERFORMANCE_BREACHED} if an ERROR performance rule fired, else
   *     {@link ExitCode#DATA_DRIFT} if an ERROR data-drift rule fired, else {@link ExitCode#OK}
   */
  static ExitCode print(PrintWriter out, MonitorJob.Result r) {
    out.printf("monitored %s %s (model %s): %d drift_metrics rows, %d checks%n", r.taxiType().id(), r.month(),
        r.modelVersion(), r.metrics().size(), r.checks().size());
    List<DriftMetric> drifted = r.driftedOnMonth();
    out.printf("  month drifted   %s%n", drifted.isEmpty() ? "nothing" : String.join(", ", drifted.stream()
        .map(m -> String.format("%s %s %.4f (>= %.3f)", m.column(), m.statistic(), m.value(), m.threshold())).toList()));
    for (Checks.Outcome o : r.fired()) {
      out.printf("  %-5s %-18s %s %s = %.4f, threshold %.3f%s%n", o.status(), o.rule().name(), o.rule().column(),
          o.rule().statistic(), o.value(), o.threshold(), o.rule().action() == CheckRule.Action.RETRAIN ? " → retrain" : "");
    }
    r.earlier().filter(p -> !p.attempted().isEmpty()).ifPresent(p -> out.printf(
        "  earlier alerts  %d delivered, %d still pending%n",
        p.attempted().stream().filter(a -> a.deliveredAt() != null).count(), p.pending()));
    r.alert().ifPresent(a -> out.printf("  alert           %s%n", AlertLine.status(a)));
    out.printf("  Delta tables    drift_metrics v%d  %s%n", r.driftMetrics().version(), r.driftMetrics().path());
    out.printf("                  checks v%d  %s%n", r.checksCommit().version(), r.checksCommit().path());
    out.flush();
    return exitCode(r.checks());
  }

  /** The exit code of a month's checks: performance (8) over data drift (7) over ok (0); WARN rules never change it. */
  static ExitCode exitCode(List<Checks.Outcome> checks) {
    boolean performance = checks.stream().anyMatch(o -> o.status() == Checks.Status.ERROR
        && o.kind().equals(DriftMetric.PERFORMANCE));
    boolean drift = checks.stream().anyMatch(o -> o.status() == Checks.Status.ERROR);
    return performance ? ExitCode.PERFORMANCE_BREACHED : drift ? ExitCode.DATA_DRIFT : ExitCode.OK;
  }

  /** The runs row: the model version, each fired rule's value, the two commits. */
  static RunLog.Details details(MonitorJob.Result r) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    r.checks().forEach(o -> metrics.put("check_" + o.rule().name(), o.value()));
    Map<String, Long> commits = new LinkedHashMap<>();
    commits.put(r.driftMetrics().table(), r.driftMetrics().version());
    commits.put(r.checksCommit().table(), r.checksCommit().version());
    return new RunLog.Details(r.modelVersion(), metrics, commits, List.of());
  }
}
