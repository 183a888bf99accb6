package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.NightlyState;
import dev.tripcast.jobs.NightlyStoppedException;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tripcast nightly}: one night of production, as a chain of the other commands, each run
 * in this JVM and Spark session and recorded as its own row of {@code runs}:
 *
 * <pre>
 * score --no-monitor ─▶ monitor ─┬─ (a RETRAIN rule fired, or --retrain always) ─▶ retrain ─┬─ promoted ─▶ score --no-monitor ─▶ monitor ─┐
 *                                │                                                         └─ kept ───────────────────────────────────────┤
 *                                └─ (nothing asks) ───────────────────────────────────────────────────────────────────────────────────────────┴─▶ report
 * </pre>
 *
 * It branches on each step's exit code and on {@link NightlyState} (the month's fired checks, the
 * served and champion versions). A step that fails stops the night with its exit code. Re-running
 * a night changes nothing: score and monitor replace the month with the same rows, retrain repeats
 * its earlier decision (same fingerprint), and the month is rescored only if the champion does
 * not serve it yet.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = {"One night of production for one month: score it with the champion, monitor it, retrain when a"
        + " RETRAIN rule fires (or --retrain always), rescore it if the challenger was promoted, and report it."
        + " Each step is its own run in the runs table.",
        "Exit codes: 0 nothing fired (or a promoted challenger fixed it), 7 data drift, 8 performance breached"
            + " (the verdict of the last monitoring, after any retrain), 4 --max-rmse breached; a failing step's"
            + " own code (1, 2, 3, 5) stops the night."},
    footer = {"", "Example: tripcast nightly --taxi green --month 2021-03 --config conf/local.conf",
        "Monthly retrain night: tripcast nightly --taxi green --month 2021-03 --retrain always"})
final class NightlyCommand extends JobCommand<NightlyCommand.Night> {
  private static final Set<Integer> MONITOR_VERDICTS = Set.of(ExitCode.OK.code(), ExitCode.DATA_DRIFT.code(),
      ExitCode.PERFORMANCE_BREACHED.code());

  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The month of the night: scored, monitored, and the evaluation month of a retrain.")
  YearMonth month;

  @Option(names = "--retrain", paramLabel = "WHEN", defaultValue = "if-asked",
      description = "if-asked (default): retrain when a fired check has action RETRAIN; always: also on a scheduled"
          + " night; never.")
  String retrain;

  @Option(names = "--html", paramLabel = "FILE", description = "Passed to the report step: the month's HTML report.")
  String html;

  @Option(names = "--max-rmse", paramLabel = "MINUTES", description = "Passed to the report step (exit 4 above it).")
  Double maxRmse;

  /** One step: the subcommand it ran and its exit code. */
  record Step(String name, int exitCode) {}

  /**
   * @param steps the steps run, in order
   * @param verdict the night's exit code
   * @param before the state after the first monitoring
   * @param after the state at the end
   */
  record Night(List<Step> steps, ExitCode verdict, NightlyState before, NightlyState after) {}

  @Override
  void validate() {
    if (!List.of("if-asked", "always", "never").contains(retrain)) {
      throw new InvalidArgumentException("--retrain", retrain, "if-asked, always or never");
    }
  }

  @Override
  String plan() {
    return "run the night of " + taxi.taxi.id() + " " + month + ": score, monitor, retrain (" + retrain
        + "), rescore if promoted, report";
  }

  @Override
  Night run(SparkSession spark, Settings settings, RunInfo run) {
    List<Step> steps = new ArrayList<>();
    step(steps, "score", Set.of(0), "--no-monitor");
    int verdict = step(steps, "monitor", MONITOR_VERDICTS);
    NightlyState before = NightlyState.read(spark, settings, taxi.taxi, month);
    out().printf("nightly: %s%n", before.describe());
    boolean retrainNow = retrain.equals("always") || retrain.equals("if-asked") && !before.retrainAskedBy().isEmpty();
    NightlyState after = before;
    if (retrainNow && step(steps, "retrain", Set.of(ExitCode.OK.code(), ExitCode.CHAMPION_KEPT.code())) == 0) {
      after = NightlyState.read(spark, settings, taxi.taxi, month);
      if (after.servedByOldChampion()) {
        step(steps, "score", Set.of(0), "--no-monitor");
        verdict = step(steps, "monitor", MONITOR_VERDICTS);
        after = NightlyState.read(spark, settings, taxi.taxi, month);
      }
    }
    List<String> report = new ArrayList<>();
    if (html != null) {
      report.addAll(List.of("--html", html));
    }
    if (maxRmse != null) {
      report.addAll(List.of("--max-rmse", String.valueOf(maxRmse)));
    }
    int reported = step(steps, "report", Set.of(ExitCode.OK.code(), ExitCode.THRESHOLD_BREACHED.code()),
        report.toArray(String[]::new));
    return new Night(steps, ExitCode.ofCode(verdict != 0 ? verdict : reported), before, after);
  }

  /**
   * Runs {@code tripcast NAME --taxi T --month M ARGS} with this run's --config and --verbose.
   *
   * @return its exit code, one of {@code accepted}
   * @throws dev.tripcast.errors.TripcastException with the step's exit code if it is not accepted
   */
  private int step(List<Step> steps, String name, Set<Integer> accepted, String... args) {
    List<String> line = new ArrayList<>(List.of(name, "--taxi", taxi.taxi.id(), "--month", month.toString()));
    line.addAll(List.of(args));
    List<String> full = new ArrayList<>(line);
    if (common.config != null) {
      full.addAll(List.of("--config", common.config.getPath()));
    }
    if (common.verbose) {
      full.add("--verbose");
    }
    PrintWriter out = out();
    out.printf("%n── nightly step %d: tripcast %s%n", steps.size() + 1, String.join(" ", line));
    out.flush();
    int code = Tripcast.run(out, spec.commandLine().getErr(), full.toArray(String[]::new));
    steps.add(new Step(name, code));
    out.printf("── %s exited %d%n", name, code);
    out.flush();
    if (!accepted.contains(code)) {
      throw new NightlyStoppedException(taxi.taxi.id(), month, name, ExitCode.ofCode(code),
          steps.subList(0, steps.size() - 1).stream().map(Step::name).toList());
    }
    return code;
  }

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Override
  ExitCode print(PrintWriter out, Night night) {
    out.printf("%nnightly %s %s: %s%n", taxi.taxi.id(), month, String.join(" → ",
        night.steps().stream().map(s -> s.name() + " " + s.exitCode()).toList()));
    out.printf("  before          %s%n  after           %s%n", night.before().describe(), night.after().describe());
    out.printf("  verdict         exit %d (%s)%n", night.verdict().code(), night.verdict().name().toLowerCase(java.util.Locale.ROOT));
    out.flush();
    return night.verdict();
  }

  @Override
  RunLog.Details details(Night night) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int i = 0; i < night.steps().size(); i++) {
      Step s = night.steps().get(i);
      metrics.put(String.format("step_%d_%s_exit", i + 1, s.name()), (double) s.exitCode());
    }
    return new RunLog.Details(night.after().served().orElse(null), metrics, Map.of(), List.of());
  }
}
