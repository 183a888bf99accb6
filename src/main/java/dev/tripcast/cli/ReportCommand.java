package dev.tripcast.cli;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.errors.InvalidArgumentException;
import dev.tripcast.jobs.NightlyJob;
import dev.tripcast.jobs.ReportJob;
import dev.tripcast.jobs.RunContext;
import java.io.PrintWriter;
import java.time.YearMonth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tripcast report}: prints a scored month's error report (optionally failing above an
 * RMSE) and writes the HTML report of a month or a range.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Prints the committed error report and data-quality counts of one scored month (reads the"
        + " error_report and data_quality Delta tables; computes nothing new). With --max-rmse, exits 4 when the"
        + " month's overall RMSE is above it. With --html FILE, also writes a self-contained HTML report with"
        + " charts of that month, or of --from..--to.",
    footer = {"", "Examples: tripcast report --taxi green --month 2021-02 --max-rmse 8 --config conf/local.conf",
        "          tripcast report --taxi green --from 2021-01 --to 2021-03 --html warehouse/report.html"
            + " --config conf/local.conf"})
final class ReportCommand extends JobCommand.Viewed<ReportJob.Reported> {
  @Mixin TaxiOption taxi;

  @Option(names = "--month", paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "The scored month to report (or --from/--to with --html).")
  YearMonth month;

  @Option(names = "--from", paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "First month of the HTML report's range (with --to and --html).")
  YearMonth from;

  @Option(names = "--to", paramLabel = "YYYY-MM", converter = Months.OneMonthConverter.class,
      description = "Last month of the HTML report's range, included.")
  YearMonth to;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Write the HTML report here: a local path or a Hadoop URI such as s3a://bucket/reports/x.html.")
  String html;

  @Option(names = "--max-rmse", paramLabel = "MINUTES",
      description = "Exit 4 (threshold breached) when the month's overall RMSE, in minutes, is above this (> 0).")
  Double maxRmse;

  @Override
  void validate() {
    if (maxRmse != null && !(maxRmse > 0)) {
      throw new InvalidArgumentException("--max-rmse", String.valueOf(maxRmse), "a number of minutes > 0");
    }
    boolean range = from != null || to != null;
    if (month == null && !range) {
      throw new InvalidArgumentException("--month", "(none)", "a month YYYY-MM, or --from and --to with --html FILE");
    }
    if (month != null && range) {
      throw new InvalidArgumentException("--from/--to", from + ".." + to, "no range together with --month");
    }
    if (range) {
      if (from == null || to == null || html == null) {
        throw new InvalidArgumentException("--from/--to", from + ".." + to, "both months, with --html FILE");
      }
      Months.range("--from/--to", from + ".." + to, from, to);
      if (maxRmse != null) {
        throw new InvalidArgumentException("--max-rmse", String.valueOf(maxRmse), "--month (it judges one month)");
      }
    }
  }

  @Override
  String plan() {
    return request().key();
  }

  private ReportJob.Request request() {
    return month != null ? ReportJob.Request.ofMonth(taxi.taxi, month, html, maxRmse)
        : new ReportJob.Request(taxi.taxi, null, from, to, html, null);
  }

  @Override
  ReportJob.Reported run(RunContext context) {
    return ReportJob.run(context, request());
  }

  @Override
  NightlyJob.StepView<ReportJob.Reported> view(PrintWriter out) {
    return stepView(out, request());
  }

  /**
   * How a report run shows: the month's report and the HTML file written; exit 0.
   *
   * @throws dev.tripcast.errors.TripcastException (exit 4) from {@code print} when the month's
   *     overall RMSE is above the request's {@code maxRmse}
   */
  static NightlyJob.StepView<ReportJob.Reported> stepView(PrintWriter out, ReportJob.Request request) {
    return NightlyJob.StepView.of(result -> print(out, request, result),
        result -> result.month() == null ? dev.tripcast.jobs.RunLog.Details.none() : RunDetails.report(result.month()));
  }

  private static ExitCode print(PrintWriter out, ReportJob.Request request, ReportJob.Reported result) {
    Double maxRmse = request.maxRmse();
    if (result.month() != null) {
      Summaries.report(out, result.month());
      result.month().halfWritten().ifPresent(line -> out.println("[WARN] " + line));
    }
    if (result.html() != null) {
      out.printf("  HTML report     %s (sections: %s; %d charts)%n", result.html().path(),
          String.join(", ", result.html().sections()), result.html().charts());
      out.flush();
    }
    if (maxRmse != null && result.month().overallRmse() > maxRmse) {
      throw new ThresholdBreachedException(request.taxiType().id(), request.month(), result.month().overallRmse(), maxRmse);
    }
    return ExitCode.OK;
  }
}
