package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.RetrainJob;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.SparkSession;
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
final class RetrainCommand extends JobCommand<RetrainJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The labelled month both models are evaluated on.")
  YearMonth month;

  @Option(names = "--train", paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "The challenger's training months (default: the train-window-months months before --month).")
  Months train;

  @Override
  String plan() {
    return "retrain a " + taxi.taxi.id() + " challenger on " + (train == null ? "the window before " + month
        : train.months().toString()) + " and evaluate it against the champion on " + month;
  }

  @Override
  RetrainJob.Result run(SparkSession spark, Settings settings, RunInfo run) {
    return RetrainJob.run(spark, settings,
        new RetrainJob.Request(taxi.taxi, month, train == null ? List.of() : train.months()), run);
  }

  @Override
  ExitCode print(PrintWriter out, RetrainJob.Result result) {
    Summaries.retrain(out, result);
    return result.promoted() ? ExitCode.OK : ExitCode.CHAMPION_KEPT;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(RetrainJob.Result result) {
    return RunDetails.retrain(result);
  }
}
