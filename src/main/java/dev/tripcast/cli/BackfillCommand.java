package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.scoring.BackfillJob;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripcast backfill}: scores a range of months, one {@code score} run per month. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Scores every month from --from to --to (both included) with one saved model, month by"
        + " month, replacing each month in the Delta tables: safe to re-run. Stops at the first month that"
        + " fails, with that month's exit code; the months before it stay committed.",
    footer = {"", "Example: tripcast backfill --taxi green --from 2021-02 --to 2021-05 --config conf/local.conf"})
final class BackfillCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = TaxiTypeConverter.class,
      description = "TLC layout: yellow or green.")
  TaxiType taxi;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "First month to score.")
  YearMonth from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "Last month to score (included; not before --from).")
  YearMonth to;

  @Option(names = "--model-version", paramLabel = "VERSION", defaultValue = ModelRegistry.LATEST,
      description = "Model version (v1, v2, ...) or 'latest', resolved once for all months (default: ${DEFAULT-VALUE}).")
  String modelVersion;

  /** The months to score, {@code --from}..{@code --to}; checked before anything else runs. */
  List<YearMonth> months() {
    return Months.range("--from/--to", from + ".." + to, from, to).months();
  }

  @Override
  public Integer call() {
    List<YearMonth> months = months();
    Settings settings = common.settings();
    PrintWriter out = spec.commandLine().getOut();
    if (common.dryRunDone(out, settings, String.format("backfill %s %s..%s (%d months) with model %s",
        taxi.id(), from, to, months.size(), modelVersion))) {
      return ExitCode.OK.code();
    }
    RunInfo run = RunInfo.start("backfill");
    BackfillJob.Result result = SparkRun.with(settings, run, spark -> BackfillJob.run(
        spark, settings, new BackfillJob.Request(taxi, months, modelVersion), run, month -> Summaries.score(out, month)));
    out.printf("backfilled %s %s..%s with model %s: %d months%n", taxi.id(), from, to, result.modelVersion(),
        result.months().size());
    out.flush();
    return ExitCode.OK.code();
  }
}
