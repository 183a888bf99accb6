package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.TrainJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tripcast train}: fits the pipeline once and saves it as a new model version. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Fits the trip-duration pipeline on the training months, evaluates it on the validation"
        + " months and saves it as a new version under paths.model-root (never overwriting one).",
    footer = {"", "Example: tripcast train --taxi green --train 2021-01 --valid 2021-02 --config conf/local.conf"})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = TaxiTypeConverter.class,
      description = "TLC layout: yellow, green, fhv or fhvhv.")
  TaxiType taxi;

  @Option(names = "--train", required = true, paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "Training months: 2021-01, 2021-01,2021-02 or 2021-01..2021-03.")
  Months train;

  @Option(names = "--valid", required = true, paramLabel = "MONTHS", converter = Months.Converter.class,
      description = "Validation months, same forms as --train.")
  Months valid;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    if (common.dryRunDone(spec.commandLine().getOut(), settings,
        "train a " + taxi.id() + " model on " + train.months() + ", validated on " + valid.months())) {
      return ExitCode.OK.code();
    }
    RunInfo run = RunInfo.start("train");
    TrainJob.Result result = SparkRun.with(settings, run, spark -> TrainJob.run(
        spark, settings, new TrainJob.Request(taxi, train.months(), valid.months()), run));
    Summaries.train(spec.commandLine().getOut(), result);
    return ExitCode.OK.code();
  }
}
