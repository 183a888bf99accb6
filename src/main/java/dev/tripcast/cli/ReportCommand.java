package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.reports.MonthReport;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tripcast report}: prints a scored month's error report; optionally fails above an RMSE. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints the committed error report and data-quality counts of one scored month (reads the"
        + " error_report and data_quality Delta tables; computes nothing new). With --max-rmse, exits 4 when the"
        + " month's overall RMSE is above it.",
    footer = {"", "Example: tripcast report --taxi green --month 2021-02 --max-rmse 8 --config conf/local.conf"})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CommonOptions common;

  @Option(names = "--taxi", required = true, paramLabel = "TYPE", converter = TaxiTypeConverter.class,
      description = "TLC layout: yellow or green.")
  TaxiType taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The scored month to report.")
  YearMonth month;

  @Option(names = "--max-rmse", paramLabel = "MINUTES",
      description = "Exit 4 (threshold breached) when the month's overall RMSE, in minutes, is above this (> 0).")
  Double maxRmse;

  @Override
  public Integer call() {
    if (maxRmse != null && !(maxRmse > 0)) {
      throw Errors.badArgument("--max-rmse", String.valueOf(maxRmse), "a number of minutes > 0");
    }
    Settings settings = common.settings();
    if (common.dryRunDone(spec.commandLine().getOut(), settings, "report " + taxi.id() + " " + month
        + (maxRmse == null ? "" : " with --max-rmse " + maxRmse))) {
      return ExitCode.OK.code();
    }
    MonthReport.Result result = SparkRun.with(settings, RunInfo.start("report"),
        spark -> MonthReport.read(spark, settings, taxi, month));
    Summaries.report(spec.commandLine().getOut(), result);
    if (maxRmse != null && result.overallRmse() > maxRmse) {
      throw Errors.thresholdBreached(taxi.id(), month, result.overallRmse(), maxRmse);
    }
    return ExitCode.OK.code();
  }
}
