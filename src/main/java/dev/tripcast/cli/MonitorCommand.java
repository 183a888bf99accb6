package dev.tripcast.cli;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.MonitorJob;
import dev.tripcast.jobs.RunLog;
import java.io.PrintWriter;
import java.time.YearMonth;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tripcast monitor}: drift and performance of one scored month against its model's reference, then the checks. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = "Compares one scored month (and each of its days) with the reference profile of the model that"
        + " scored it, replaces its rows of the drift_metrics and checks Delta tables, and exits 7 (data drift) or"
        + " 8 (performance breached) when an ERROR monitoring rule fires.",
    footer = {"", "Example: tripcast monitor --taxi green --month 2021-03 --config conf/local.conf"})
final class MonitorCommand extends JobCommand<MonitorJob.Result> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", required = true, paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The scored month to monitor.")
  YearMonth month;

  @Override
  String plan() {
    return "monitor " + taxi.taxi.id() + " " + month;
  }

  @Override
  MonitorJob.Result run(SparkSession spark, Settings settings, RunInfo run) {
    return MonitorJob.run(spark, settings, new MonitorJob.Request(taxi.taxi, month), run);
  }

  @Override
  ExitCode print(PrintWriter out, MonitorJob.Result result) {
    return MonitorSummary.print(out, result);
  }

  @Override
  RunLog.Details details(MonitorJob.Result result) {
    return MonitorSummary.details(result);
  }
}
