package dev.tripcast.jobs;

import dev.tripcast.config.TripcastVersion;
import dev.tripcast.features.DropCounts;
import dev.tripcast.htmlreport.HtmlReport;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.monitoring.HalfWrittenMonthException;
import dev.tripcast.monitoring.MonthAgreement;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.NoReportException;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.tables.Warehouse;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads back what {@code score} committed for one month: its {@code error_report} rows and its
 * {@code data_quality} counts, at the tables' latest versions. It computes nothing new: the
 * scheduled report step prints it, and can fail the run when the error is too high; it also
 * renders the HTML report of a month range. Run it with {@code tripcast report}.
 */
public final class ReportJob {
  private static final Logger LOG = LoggerFactory.getLogger(ReportJob.class);

  private ReportJob() {}

  /**
   * @param taxiType the layout reported
   * @param month the service month reported
   * @param modelVersion the model version that scored the month (from the report rows)
   * @param rows the month's {@code error_report} rows (a few hundred)
   * @param quality rows read, kept and dropped per source file by the scoring run (empty if the
   *     table is missing)
   * @param table the {@code error_report} table, fully qualified
   * @param tableVersion the table version read
   * @param halfWritten one line if the month's tables disagree ({@link MonthAgreement}): a score
   *     run died between its commits and the figures may not describe the scored trips
   */
  public record Result(TaxiType taxiType, YearMonth month, String modelVersion, List<ErrorMetrics> rows,
      List<DropCounts> quality, String table, long tableVersion, Optional<String> halfWritten) {

    /** The {@code overall} row's RMSE, minutes. */
    public double overallRmse() {
      return rows.stream().filter(r -> r.is(ReportDimension.OVERALL)).findFirst().map(ErrorMetrics::rmse)
          .orElseThrow(() -> new IllegalStateException("error_report has no overall row for " + month));
    }
  }

  /**
   * What to report: one month (text, optionally its HTML page) or a range (HTML only).
   *
   * @param month the month of the text report, or null for a range
   * @param from first month of the HTML range (the month itself when {@code month} is set)
   * @param to last month of the HTML range, included
   * @param html where to write the HTML report, or null for none
   * @param maxRmse the month's overall RMSE limit, minutes, or null for none (judged by the caller)
   */
  public record Request(TaxiType taxiType, YearMonth month, YearMonth from, YearMonth to, String html,
      Double maxRmse) {
    /** The report of one month. */
    public static Request ofMonth(TaxiType taxiType, YearMonth month, String html, Double maxRmse) {
      return new Request(taxiType, month, month, month, html, maxRmse);
    }

    /** What the run reports, one line (its {@code run_key}): "report green 2021-02 with --max-rmse 8.0". */
    public String key() {
      String what = month != null ? "report " + taxiType.id() + " " + month
          : "report " + taxiType.id() + " " + from + ".." + to;
      return what + (maxRmse == null ? "" : " with --max-rmse " + maxRmse) + (html == null ? "" : " and write " + html);
    }
  }

  /**
   * What the report run produced.
   *
   * @param month the text report of the month, or null for a range
   * @param html the HTML report written, or null without {@code html}
   */
  public record Reported(Result month, HtmlReport.Result html) {}

  /**
   * Reads the month (if one) and writes the HTML report (if asked).
   *
   * @throws dev.tripcast.errors.InvalidInputException as {@link #read} and {@link #writeHtml}
   */
  public static Reported run(RunContext context, Request request) {
    Result text = request.month() == null ? null : read(context, request.taxiType(), request.month());
    HtmlReport.Result page = request.html() == null ? null
        : writeHtml(context, request.taxiType(), request.from(), request.to(), request.html());
    return new Reported(text, page);
  }

  /**
   * Reads the month.
   *
   * @throws dev.tripcast.errors.InvalidInputException if the error report has no rows for this
   *     taxi type and month: the month was never scored, or the warehouse root is wrong, or (when
   *     {@code scored_trips} holds the month) a score run died before committing its error report,
   *     which the message says with the repair ({@link MonthAgreement})
   */
  public static Result read(RunContext context, TaxiType taxiType, YearMonth month) {
    Warehouse warehouse = context.warehouse();
    String reportPath = warehouse.location(ErrorReport.TABLE);
    List<String> served = ScoredMonth.servedVersions(warehouse, taxiType, month);
    Optional<Warehouse.Snapshot> report = warehouse.readLatest(ErrorReport.TABLE.key(taxiType.id(), month, served));
    List<ErrorMetrics> rows = ScoredMonth.reportRows(report);
    List<DropCounts> quality = ScoredMonth.scoreQuality(warehouse, taxiType, month);
    Optional<String> halfWritten = ScoredMonth.agreement(warehouse, taxiType, month, served, rows, quality);
    if (rows.isEmpty()) {
      throw halfWritten.<RuntimeException>map(HalfWrittenMonthException::new)
          .orElseGet(() -> new NoReportException(taxiType.id(), month, reportPath));
    }
    halfWritten.ifPresent(LOG::warn);
    return new Result(taxiType, month, rows.get(0).modelVersion(), rows, quality, reportPath,
        report.orElseThrow().version(), halfWritten);
  }

  /**
   * Writes the self-contained HTML report of a month range ({@link HtmlReport}), from the tables alone.
   *
   * @param out the file, a local path or Hadoop URI (e.g. beside the tables on S3)
   * @throws dev.tripcast.errors.InvalidInputException if the error report has no rows in the range
   */
  public static HtmlReport.Result writeHtml(RunContext context, TaxiType taxiType, YearMonth from, YearMonth to,
      String out) {
    return HtmlReport.write(context.warehouse(), taxiType.id(), from, to, out, context.hadoopConf(),
        "tripcast " + TripcastVersion.get());
  }
}
