package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.ReportJob;
import java.io.PrintWriter;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast report}: prints a scored month's error report; optionally fails above an RMSE. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints the committed error report and data-quality counts of one scored month (reads the"
        + " error_report and data_quality Delta tables; computes nothing new). With --max-rmse, exits 4 when the"
        + " month's overall RMSE is above it.",
    footer = {"", "Example: tripcast report --taxi green --month 2021-02 --max-rmse 8 --config conf/local.conf"})
final class ReportCommand extends JobCommand<ReportJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The scored month to report.")
  YearMonth month;

  @Option(names = "--max-rmse", paramLabel = "MINUTES",
      description = "Exit 4 (threshold breached) when the month's overall RMSE, in minutes, is above this (> 0).")
  Double maxRmse;

  @Override
  void validate() {
    if (maxRmse != null && !(maxRmse > 0)) {
      throw Errors.badArgument("--max-rmse", String.valueOf(maxRmse), "a number of minutes > 0");
    }
  }

  @Override
  String plan() {
    return "report " + taxi.taxi.id() + " " + month + (maxRmse == null ? "" : " with --max-rmse " + maxRmse);
  }

  @Override
  ReportJob.Result run(SparkSession spark, Settings settings, RunInfo run) {
    return ReportJob.read(spark, settings, taxi.taxi, month);
  }

  @Override
  ExitCode print(PrintWriter out, ReportJob.Result result) {
    Summaries.report(out, result);
    if (maxRmse != null && result.overallRmse() > maxRmse) {
      throw Errors.thresholdBreached(taxi.taxi.id(), month, result.overallRmse(), maxRmse);
    }
    return ExitCode.OK;
  }

  @Override
  dev.tripcast.jobs.RunLog.Details details(ReportJob.Result result) {
    return RunDetails.report(result);
  }
}
