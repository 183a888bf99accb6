package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.BackfillJob;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast backfill}: scores a range of months, one {@code score} run per month. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Scores every month from --from to --to (both included) with one saved model, month by"
        + " month, replacing each month in the Delta tables: safe to re-run. Stops at the first month that"
        + " fails, with that month's exit code; the months before it stay committed. Monitors each month after"
        + " scoring it, as score does, unless --no-monitor.",
    footer = {"", "Example: tripcast backfill --taxi green --from 2021-02 --to 2021-05 --config conf/local.conf"})
final class BackfillCommand extends JobCommand<BackfillJob.Result> {
  @Mixin TaxiOption taxi;
  @Mixin ModelOption model;

  @Option(names = "--from", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "First month to score.")
  YearMonth from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "Last month to score (included; not before --from).")
  YearMonth to;

  @Option(names = "--no-monitor",
      description = "Do not monitor each month after scoring it (default: tripcast.monitoring.after-score).")
  boolean noMonitor;

  /** The months to score, {@code --from}..{@code --to}. */
  List<YearMonth> months() {
    return Months.range("--from/--to", from + ".." + to, from, to).months();
  }

  @Override
  void validate() {
    months();
  }

  @Override
  void check(Settings settings) {
    model.resolve(settings);
  }

  @Override
  String plan() {
    return String.format("backfill %s %s..%s (%d months) with model %s", taxi.taxi.id(), from, to, months().size(),
        model.model);
  }

  @Override
  BackfillJob.Result run(RunContext context) {
    PrintWriter out = spec.commandLine().getOut();
    return BackfillJob.run(context, new BackfillJob.Request(taxi.taxi, months(), model.model, !noMonitor),
        (month, progress) -> {
          ScoreCommand.stepView(out).print(month);
          out.println("  progress        " + progress.describe("month"));
          out.flush();
        });
  }

  @Override
  ExitCode print(PrintWriter out, BackfillJob.Result result) {
    result.notices().forEach(n -> out.println("note: " + n));
    out.printf("backfilled %s %s..%s with model %s: %d months%n", taxi.taxi.id(), from, to, result.modelVersion(),
        result.months().size());
    return ExitCode.OK;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(BackfillJob.Result result) {
    return RunDetails.backfill(result);
  }
}
