package dev.tripcast.cli;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.RunLog;
import dev.tripcast.jobs.ScoreAndMonitor;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.model.ModelRef;
import dev.tripcast.model.ModelUri;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast score}: scores one month with a saved model and writes the Delta tables. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Scores every trip of one month with a saved model (never refitting it) and replaces that"
        + " month in the scored_trips, error_report and data_quality Delta tables; then monitors the month"
        + " (drift_metrics, checks, alert) unless --no-monitor or tripcast.monitoring.after-score = false."
        + " Its exit code is the scoring's: monitoring's verdict is 'tripcast monitor's and 'tripcast nightly's.",
    footer = {"", "Example: tripcast score --taxi green --month 2021-02 --config conf/local.conf",
        "Shadow: tripcast score --taxi green --month 2021-02 --shadow challenger"})
final class ScoreCommand extends JobCommand.Viewed<ScoreAndMonitor.Result> {
  @Mixin TaxiOption taxi;
  @Mixin ModelOption model;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The service month to score.")
  YearMonth month;

  @Option(names = "--shadow", paramLabel = "MODEL", converter = ModelOption.Converter.class,
      description = "Also score the month with this model (e.g. challenger, or models:/NAME@challenger), into"
          + " shadow_trips and its own error_report rows; scored_trips keeps only the --model's predictions.")
  ModelUri shadow;

  /** The {@code --shadow} reference, set by {@link #check}. */
  private Optional<ModelRef> shadowModel = Optional.empty();

  @Option(names = "--no-monitor",
      description = "Do not monitor the month after scoring it (default: tripcast.monitoring.after-score).")
  boolean noMonitor;

  @Override
  void check(Settings settings) {
    model.resolve(settings);
    shadowModel = Optional.ofNullable(shadow).map(s -> s.ref("--shadow", settings.model().name()));
  }

  private ScoreJob.Request request() {
    return new ScoreJob.Request(taxi.taxi, month, model.model, shadowModel);
  }

  @Override
  String plan() {
    return request().key();
  }

  @Override
  ScoreAndMonitor.Result run(RunContext context) {
    return ScoreAndMonitor.run(context, request(), !noMonitor);
  }

  @Override
  NightlyJob.StepView<ScoreAndMonitor.Result> view(PrintWriter out) {
    return stepView(out);
  }

  /** How a score run shows: the scoring's summary, then the monitoring's; exit 0 (the scoring's). */
  static NightlyJob.StepView<ScoreAndMonitor.Result> stepView(PrintWriter out) {
    return NightlyJob.StepView.of(result -> {
      Summaries.score(out, result.score());
      result.monitor().ifPresent(m -> MonitorSummary.print(out, m));
      return ExitCode.OK;
    }, result -> {
      RunLog.Details scored = RunDetails.score(result.score());
      return result.monitor().map(m -> RunDetails.merge(scored, MonitorSummary.details(m))).orElse(scored);
    });
  }
}
