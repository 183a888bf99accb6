package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MonitorJob;
import dev.tripcast.jobs.RunLog;
import dev.tripcast.jobs.ScoreJob;
import dev.tripcast.model.ModelRef;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
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
final class ScoreCommand extends JobCommand<ScoreCommand.Scored> {
  @Mixin TaxiOption taxi;
  @Mixin ModelOption model;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The service month to score.")
  YearMonth month;

  @Option(names = "--shadow", paramLabel = "MODEL", converter = ModelOption.Converter.class,
      description = "Also score the month with this model (e.g. challenger), into shadow_trips and its own"
          + " error_report rows; scored_trips keeps only the --model's predictions.")
  ModelRef shadow;

  @Option(names = "--no-monitor",
      description = "Do not monitor the month after scoring it (default: tripcast.monitoring.after-score).")
  boolean noMonitor;

  /**
   * What the score run produced.
   *
   * @param score the scored month
   * @param monitor its monitoring, if run and the model has a reference profile
   */
  record Scored(ScoreJob.Result score, Optional<MonitorJob.Result> monitor) {}

  @Override
  String plan() {
    return "score " + taxi.taxi.id() + " " + month + " with model " + model.model
        + (shadow == null ? "" : ", and in shadow with " + shadow);
  }

  @Override
  Scored run(SparkSession spark, Settings settings, RunInfo run) {
    ScoreJob.Result scored = ScoreJob.run(spark, settings,
        new ScoreJob.Request(taxi.taxi, month, model.model, Optional.ofNullable(shadow)), run);
    boolean monitored = settings.monitoring().afterScore() && !noMonitor;
    return new Scored(scored, monitored
        ? MonitorJob.runIfProfiled(spark, settings, new MonitorJob.Request(taxi.taxi, month), run)
        : Optional.empty());
  }

  @Override
  ExitCode print(PrintWriter out, Scored result) {
    Summaries.score(out, result.score());
    result.monitor().ifPresent(m -> MonitorSummary.print(out, m));
    return ExitCode.OK;
  }

  @Override
  RunLog.Details details(Scored result) {
    RunLog.Details scored = RunDetails.score(result.score());
    return result.monitor().map(m -> RunDetails.merge(scored, MonitorSummary.details(m))).orElse(scored);
  }
}
