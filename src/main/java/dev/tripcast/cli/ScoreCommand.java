package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.scoring.ScoreJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tripcast score}: scores one month with a saved model and writes the Delta tables. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Scores every trip of one month with a saved model (never refitting it) and replaces that"
        + " month in the scored_trips, error_report and data_quality Delta tables.",
    footer = {"", "Example: tripcast score --taxi green --month 2021-02 --config conf/local.conf"})
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = TaxiTypeConverter.class,
      description = "TLC layout: yellow, green, fhv or fhvhv.")
  TaxiType taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.Converter.class,
      description = "The service month to score.")
  Months month;

  @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = ModelRegistry.LATEST,
      converter = ModelVersionConverter.class,
      description = "Model version (v1, v2, ...) or 'latest' (default: ${DEFAULT-VALUE}).")
  String modelVersion;

  @Override
  public Integer call() {
    if (month.months().size() != 1) {
      throw dev.tripcast.errors.Errors.badArgument("--month", month.months().toString(), "exactly one month");
    }
    Settings settings = common.settings();
    if (common.dryRunDone(spec.commandLine().getOut(), settings,
        "score " + taxi.id() + " " + month.months().get(0) + " with model " + modelVersion)) {
      return ExitCode.OK.code();
    }
    RunInfo run = RunInfo.start("score");
    ScoreJob.Result result = SparkRun.with(settings, run, spark -> ScoreJob.run(
        spark, settings, new ScoreJob.Request(taxi, month.months().get(0), modelVersion), run));
    Summaries.score(spec.commandLine().getOut(), result);
    return ExitCode.OK.code();
  }
}
