package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RetrainJob;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast retrain}: trains a challenger, evaluates it against the champion, promotes or keeps. */
@Command(name = "retrain", mixinStandardHelpOptions = true,
    description = {"Trains a challenger on the months before --month (tripcast.lifecycle.train-window-months),"
        + " scores champion and challenger on --month (which neither trained on) and promotes the challenger to"
        + " @champion if it wins by tripcast.lifecycle.promote-margin-minutes without regressing on seen or unseen"
        + " PU_DO pairs. Re-running it with the same data and settings repeats the decision without training again.",
        "Exit codes: 0 promoted (or already promoted by this decision), 6 champion kept, others as every command."},
    footer = {"", "Example: tripcast retrain --taxi green --month 2021-04 --config conf/local.conf"})
final class RetrainCommand extends JobCommand.Viewed<RetrainJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The labelled month both models are evaluated on.")
  YearMonth month;

  @Option(names = "--train", paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "The challenger's training months (default: the train-window-months months before --month).")
  Months train;

  @Override
  String plan() {
    return request().key();
  }

  private RetrainJob.Request request() {
    return new RetrainJob.Request(taxi.taxi, month, train == null ? List.of() : train.months());
  }

  @Override
  RetrainJob.Result run(RunContext context) {
    return RetrainJob.run(context, request());
  }

  @Override
  NightlyJob.StepView<RetrainJob.Result> view(PrintWriter out) {
    return stepView(out);
  }

  /** How a retrain run shows: its decision; exit 0 promoted, 6 champion kept. */
  static NightlyJob.StepView<RetrainJob.Result> stepView(PrintWriter out) {
    return NightlyJob.StepView.of(result -> {
      Summaries.retrain(out, result);
      return result.promoted() ? ExitCode.OK : ExitCode.CHAMPION_KEPT;
    }, RunDetails::retrain);
  }
}
