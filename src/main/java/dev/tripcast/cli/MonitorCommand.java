package dev.tripcast.cli;

import dev.tripcast.jobs.MonitorJob;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import java.time.YearMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast monitor}: drift and performance of one scored month against its model's reference, then the checks. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Compares one scored month (and each of its days) with the reference profile of the model that"
        + " scored it, replaces its rows of the drift_metrics and checks Delta tables, and exits 7 (data drift) or"
        + " 8 (performance breached) when an ERROR monitoring rule fires.",
    footer = {"", "Example: tripcast monitor --taxi green --month 2021-03 --config conf/local.conf"})
final class MonitorCommand extends JobCommand.Viewed<MonitorJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The scored month to monitor.")
  YearMonth month;

  @Override
  String plan() {
    return new MonitorJob.Request(taxi.taxi, month).key();
  }

  @Override
  MonitorJob.Result run(RunContext context) {
    return MonitorJob.run(context, new MonitorJob.Request(taxi.taxi, month));
  }

  @Override
  NightlyJob.StepView<MonitorJob.Result> view(PrintWriter out) {
    return stepView(out);
  }

  /** How a monitor run shows: {@link MonitorSummary}, exit 7 or 8 when an ERROR rule fired. */
  static NightlyJob.StepView<MonitorJob.Result> stepView(PrintWriter out) {
    return NightlyJob.StepView.of(result -> MonitorSummary.print(out, result), MonitorSummary::details);
  }
}
