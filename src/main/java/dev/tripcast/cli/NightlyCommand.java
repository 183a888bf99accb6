package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.ReportJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tripcast nightly}: one night of production ({@link NightlyJob}): score, monitor, retrain
 * if asked, rescore if promoted, report, each step shown as its own command shows it and recorded
 * as its own row of {@code runs}.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = {"One night of production for one month: score it with the champion, monitor it, retrain when a"
        + " RETRAIN rule fires (or --retrain always), rescore it if the challenger was promoted, and report it."
        + " Each step is its own run in the runs table. Then, when tripcast.maintenance.every has passed since the"
        + " last maintain run, tripcast maintain (its outcome does not change the night's exit code).",
        "Exit codes: 0 nothing fired (or a promoted challenger fixed it), 7 data drift, 8 performance breached"
            + " (the verdict of the last monitoring, after any retrain), 4 --max-rmse breached; a failing step's"
            + " own code (1, 2, 3, 5) stops the night."},
    footer = {"", "Example: tripcast nightly --taxi green --month 2021-03 --config conf/local.conf",
        "Monthly retrain night: tripcast nightly --taxi green --month 2021-03 --retrain always"})
final class NightlyCommand extends JobCommand<NightlyJob.Night> {
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
  NightlyJob.Night run(RunContext context) {
    List<String> stepArgs = new ArrayList<>(); // each step's recorded command line ends as the night's
    if (common.config != null) {
      stepArgs.addAll(List.of("--config", common.config.getPath()));
    }
    if (common.verbose) {
      stepArgs.add("--verbose");
    }
    NightlyJob.Retrain when = NightlyJob.Retrain.valueOf(retrain.replace('-', '_').toUpperCase(Locale.ROOT));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NightlyJob.Views views = new NightlyJob.Views(out, ScoreCommand.stepView(out), MonitorCommand.stepView(out),
        RetrainCommand.stepView(out), ReportCommand.stepView(out, ReportJob.Request.ofMonth(taxi.taxi, month, html, maxRmse)),
        MaintainCommand.stepView(out),
        e -> Tripcast.printFailure(err, e, common.verbose), Hints::runError);
    return NightlyJob.run(context, new NightlyJob.Request(taxi.taxi, month, when, html, maxRmse, stepArgs), views);
  }

  @Override
  ExitCode print(PrintWriter out, NightlyJob.Night night) {
    out.printf("%nnightly %s %s: %s%n", taxi.taxi.id(), month, String.join(" → ",
        night.steps().stream().map(s -> s.name() + " " + s.exitCode()).toList()));
    out.printf("  before          %s%n  after           %s%n", night.before().describe(), night.after().describe());
    out.printf("  verdict         exit %d (%s)%n", night.verdict().code(), night.verdict().name().toLowerCase(Locale.ROOT));
    out.flush();
    return night.verdict();
  }

  @Override
  RunLog.Details details(NightlyJob.Night night) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int i = 0; i < night.steps().size(); i++) {
      NightlyJob.Step s = night.steps().get(i);
      metrics.put(String.format("step_%d_%s_exit", i + 1, s.name()), (double) s.exitCode());
    }
    return new RunLog.Details(night.after().served().orElse(null), metrics, Map.of(), List.of());
  }
}
