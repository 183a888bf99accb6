package dev.tripcast.jobs;

import dev.tripcast.config.Settings;
import dev.tripcast.config.TripcastVersion;
import dev.tripcast.errors.Errors;
import dev.tripcast.features.DropCounts;
import dev.tripcast.htmlreport.HtmlReport;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.time.YearMonth;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Reads back what {@code score} committed for one month: its {@code error_report} rows and its
 * {@code data_quality} counts, at the tables' latest versions. It computes nothing new: the
 * scheduled report step prints it, and can fail the run when the error is too high; it also
 * renders the HTML report of a month range. Run it with {@code tripcast report}.
 */
public final class ReportJob {
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
   */
  public record Result(TaxiType taxiType, YearMonth month, String modelVersion, List<ErrorMetrics> rows,
      List<DropCounts> quality, String table, long tableVersion) {

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
   *     taxi type and month (the month was never scored, or the warehouse root is wrong)
   */
  public static Result read(SparkSession spark, Settings settings, TaxiType taxiType, YearMonth month) {
    Warehouse warehouse = Stores.warehouse(spark, settings);
    String reportPath = warehouse.location(ErrorReport.TABLE);
    Warehouse.Snapshot report = warehouse.readLatest(ErrorReport.TABLE.key(taxiType.id(), month, servedVersions(warehouse, taxiType, month)))
        .orElseThrow(() -> Errors.noReport(taxiType.id(), month, reportPath));
    List<ErrorMetrics> rows = report.rows().collectAsList().stream().map(ErrorMetrics::fromRow).toList();
    if (rows.isEmpty()) {
      throw Errors.noReport(taxiType.id(), month, reportPath);
    }
    Table.Key scored = DataQualityTable.TABLE.key(taxiType.id(), month, DataQualityTable.SCORE);
    List<DropCounts> quality = warehouse.readLatest(scored)
        .map(s -> s.rows().collectAsList().stream().map(r -> DataQualityTable.fromRow(r).quality().counts()).toList())
        .orElse(List.of());
    return new Result(taxiType, month, rows.get(0).modelVersion(), rows, quality, reportPath, report.version());
  }

  /** The model version(s) {@code scored_trips} holds for the month: the production rows of the error report. */
  private static List<String> servedVersions(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    List<String> versions = warehouse.readLatest(ScoredTrips.TABLE.key(taxiType.id(), month))
        .map(s -> s.rows().select(ScoredTrips.MODEL_VERSION).distinct().collectAsList().stream()
            .map(r -> r.getString(0)).toList())
        .orElse(List.of());
    if (versions.isEmpty()) {
      throw Errors.noReport(taxiType.id(), month, warehouse.location(ErrorReport.TABLE));
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
