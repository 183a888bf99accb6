package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ScoreJob;
import java.io.PrintWriter;
import dev.tripcast.model.ModelRef;
import java.time.YearMonth;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast score}: scores one month with a saved model and writes the Delta tables. */
@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Scores every trip of one month with a saved model (never refitting it) and replaces that"
        + " month in the scored_trips, error_report and data_quality Delta tables.",
    footer = {"", "Example: tripcast score --taxi green --month 2021-02 --config conf/local.conf",
        "Shadow: tripcast score --taxi green --month 2021-02 --shadow challenger"})
final class ScoreCommand extends JobCommand<ScoreJob.Result> {
  @Mixin TaxiOption taxi;
  @Mixin ModelOption model;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The service month to score.")
  YearMonth month;

  @Option(names = "--shadow", paramLabel = "MODEL", converter = ModelOption.Converter.class,
      description = "Also score the month with this model (e.g. challenger), into shadow_trips and its own"
          + " error_report rows; scored_trips keeps only the --model's predictions.")
  ModelRef shadow;

  @Override
  String plan() {
    return "score " + taxi.taxi.id() + " " + month + " with model " + model.model
        + (shadow == null ? "" : ", and in shadow with " + shadow);
  }

  @Override
  ScoreJob.Result run(SparkSession spark, Settings settings, RunInfo run) {
    return ScoreJob.run(spark, settings,
        new ScoreJob.Request(taxi.taxi, month, model.model, Optional.ofNullable(shadow)), run);
  }

  @Override
  ExitCode print(PrintWriter out, ScoreJob.Result result) {
    Summaries.score(out, result);
    return ExitCode.OK;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(ScoreJob.Result result) {
    return RunDetails.score(result);
  }
}
