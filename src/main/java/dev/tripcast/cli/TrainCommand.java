package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.TrainJob;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast train}: fits the pipeline once and saves it as a new model version. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Fits the trip-duration pipeline on the training months, evaluates it on the validation"
        + " months and saves it as a new version under paths.model-root (never overwriting one).",
    footer = {"", "Example: tripcast train --taxi green --train 2021-01 --valid 2021-02 --config conf/local.conf"})
final class TrainCommand extends JobCommand<TrainJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--train", required = true, paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "Training months: 2021-01, 2021-01,2021-02 or 2021-01..2021-03.")
  Months train;

  @Option(names = "--valid", required = true, paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "Validation months, same forms as --train.")
  Months valid;

  @Override
  String plan() {
    return "train a " + taxi.taxi.id() + " model on " + train.months() + ", validated on " + valid.months();
  }

  @Override
  TrainJob.Result run(RunContext context) {
    return TrainJob.run(context, new TrainJob.Request(taxi.taxi, train.months(), valid.months()));
  }

  @Override
  ExitCode print(PrintWriter out, TrainJob.Result result) {
    Summaries.train(out, result);
    return ExitCode.OK;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(TrainJob.Result result) {
    return RunDetails.train(result);
  }
}
