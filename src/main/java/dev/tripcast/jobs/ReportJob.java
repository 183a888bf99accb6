package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.features.DropCounts;
import dev.tripcast.htmlreport.HtmlReport;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.monitoring.HalfWrittenMonthException;
import dev.tripcast.monitoring.MonthAgreement;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.NoReportException;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
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
   * Reads the month.
   *
   * @throws dev.tripcast.errors.InvalidInputException if the error report has no rows for this
   *     taxi type and month: the month was never scored, or the warehouse root is wrong, or (when
   *     {@code scored_trips} holds the month) a score run died before committing its error report,
   *     which the message says with the repair ({@link MonthAgreement})
   */
  public static Result read(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month) {
    Warehouse warehouse = Stores.warehouse(spark, settings);
    String reportPath = warehouse.location(ErrorReport.TABLE);
    List<String> served = servedVersions(warehouse, taxiType, month);
    Optional<Warehouse.Snapshot> report = warehouse.readLatest(ErrorReport.TABLE.key(taxiType.id(), month, served));
    List<ErrorMetrics> rows = reportRows(report);
    List<DropCounts> quality = scoreQuality(warehouse, taxiType, month);
    Optional<String> halfWritten = agreement(warehouse, taxiType, month, served, rows, quality);
    if (rows.isEmpty()) {
      throw halfWritten.<RuntimeException>map(HalfWrittenMonthException::new)
          .orElseGet(() -> new NoReportException(taxiType.id(), month, reportPath));
    }
    halfWritten.ifPresent(LOG::warn);
    return new Result(taxiType, month, rows.get(0).modelVersion(), rows, quality, reportPath,
        report.orElseThrow().version(), halfWritten);
  }

  /**
   * Whether a scored month's three tables agree, as {@link #read} checks them: one line saying
   * how they disagree and how to repair it ({@link MonthAgreement}), empty if they agree.
   *
   * @throws dev.tripcast.errors.InvalidInputException if {@code scored_trips} has no rows for the month
   */
  static Optional<String> halfWritten(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    List<String> served = servedVersions(warehouse, taxiType, month);
    List<ErrorMetrics> rows = reportRows(warehouse.readLatest(ErrorReport.TABLE.key(taxiType.id(), month, served)));
    return agreement(warehouse, taxiType, month, served, rows, scoreQuality(warehouse, taxiType, month));
  }

  private static List<ErrorMetrics> reportRows(Optional<Warehouse.Snapshot> report) {
    return report.map(r -> r.rows().collectAsList().stream().map(ErrorMetrics::fromRow).toList()).orElse(List.of());
  }

  /** The {@code data_quality} counts of the month's score run, per source file; empty if none. */
  private static List<DropCounts> scoreQuality(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    Table.Key scored = DataQualityTable.TABLE.key(taxiType.id(), month, DataQualityTable.SCORE);
    return warehouse.readLatest(scored)
        .map(s -> s.rows().collectAsList().stream().map(r -> DataQualityTable.fromRow(r).quality().counts()).toList())
        .orElse(List.of());
  }

  /** {@link MonthAgreement#check} of the month's trips (one version), report rows and quality counts. */
  private static Optional<String> agreement(Warehouse warehouse, TaxiType taxiType, YearMonth month,
      List<String> served, List<ErrorMetrics> rows, List<DropCounts> quality) {
    long trips = warehouse.readLatest(ScoredTrips.TABLE.key(taxiType.id(), month)).map(s -> s.rows().count()).orElse(0L);
    OptionalLong reportTrips = rows.stream().filter(r -> r.is(ReportDimension.OVERALL))
        .mapToLong(ErrorMetrics::n).reduce(Long::sum);
    OptionalLong kept = quality.isEmpty() ? OptionalLong.empty()
        : OptionalLong.of(quality.stream().mapToLong(DropCounts::kept).sum());
    return MonthAgreement.check(taxiType.id(), month, String.join(",", served), trips, reportTrips, kept);
  }

  /** The model version(s) {@code scored_trips} holds for the month: the production rows of the error report. */
  private static List<String> servedVersions(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    List<String> versions = warehouse.readLatest(ScoredTrips.TABLE.key(taxiType.id(), month))
        .map(s -> s.rows().select(ScoredTrips.MODEL_VERSION).distinct().collectAsList().stream()
            .map(r -> r.getString(0)).toList())
        .orElse(List.of());
    if (versions.isEmpty()) {
      throw new NoReportException(taxiType.id(), month, warehouse.location(ErrorReport.TABLE));
    }
    return versions;
  }

  /**
   * Writes the self-contained HTML report of a month range ({@link HtmlReport}), from the tables alone.
   *
   * @param out the file, a local path or Hadoop URI (e.g. beside the tables on S3)
   * @throws dev.tripcast.errors.InvalidInputException if the error report has no rows in the range
   */
  public static HtmlReport.Result writeHtml(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth from,
      YearMonth to, String out) {
    return HtmlReport.write(Stores.warehouse(spark, settings), taxiType.id(), from, to, out,
        spark.sparkContext().hadoopConfiguration(), "tripcast " + TripcastVersion.get());
  }
}
