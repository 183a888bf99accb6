package dev.tripcast.reports.html;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.errors.Errors;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.reports.ErrorReport;
import io.delta.tables.DeltaTable;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Reads the rows the HTML report shows from the Delta tables under a warehouse root, at their
 * current versions: {@code <warehouse>/error_report} ({@link ErrorReport} shape) and
 * {@code <warehouse>/data_quality} ({@link DataQualityTable} shape). It computes nothing from
 * trips; the only Spark work is a filtered read of two small tables (a few hundred rows per month).
 * This is the package's only class that touches Spark.
 */
final class DeltaReportReader {
  /** Table folder names under the warehouse root ({@code reference.conf}'s {@code tables.*} defaults). */
  static final String ERROR_REPORT = "error_report";
  static final String DATA_QUALITY = "data_quality";

  private DeltaReportReader() {}

  /**
   * @param warehouseRoot the folder holding the tables ({@code paths.warehouse-root}); any Hadoop URI
   * @param taxiType the layout to read, e.g. "green"
   * @param from first service month, inclusive
   * @param to last service month, inclusive
   * @return the rows, with {@code quality} empty when {@code data_quality} does not exist
   * @throws dev.tripcast.errors.InvalidInputException when {@code error_report} is missing or has no
   *     rows for the taxi type in the range: score a month of the range first, or fix the warehouse root
   */
  static ReportData read(SparkSession spark, String warehouseRoot, String taxiType, YearMonth from, YearMonth to) {
    String reportPath = new Path(warehouseRoot, ERROR_REPORT).toString();
    String qualityPath = new Path(warehouseRoot, DATA_QUALITY).toString();
    if (!DeltaTable.isDeltaTable(spark, reportPath)) {
      throw Errors.noReport(taxiType, from, reportPath);
    }
    List<ErrorRow> errors = inRange(spark, reportPath, taxiType, from, to).collectAsList().stream()
        .map(DeltaReportReader::errorRow).toList();
    if (errors.isEmpty()) {
      throw Errors.noReport(taxiType, from, reportPath);
    }
    List<QualityRow> quality = !DeltaTable.isDeltaTable(spark, qualityPath) ? List.of()
        : inRange(spark, qualityPath, taxiType, from, to).collectAsList().stream()
            .map(DeltaReportReader::qualityRow).toList();
    return new ReportData(taxiType, from, to, errors, quality, warehouseRoot);
  }

  /** Rows of one taxi type whose {@code month} ("YYYY-MM", so ordered as text) is in [from, to]. */
  private static Dataset<Row> inRange(SparkSession spark, String path, String taxiType, YearMonth from, YearMonth to) {
    Column month = col(ErrorReport.MONTH);
    return spark.read().format("delta").load(path)
        .where(col("taxi_type").equalTo(taxiType).and(month.geq(from.toString())).and(month.leq(to.toString())));
  }

  private static ErrorRow errorRow(Row r) {
    return new ErrorRow(YearMonth.parse(r.getAs(ErrorReport.MONTH)), r.getAs("model_version"),
        r.getAs(ErrorReport.DIMENSION), r.getAs(ErrorReport.SEGMENT), r.<Long>getAs("n"),
        number(r, "rmse"), number(r, "mae"), number(r, "bias"), number(r, "p50_abs_error"), number(r, "p90_abs_error"));
  }

  private static QualityRow qualityRow(Row r) {
    Map<String, Long> dropped = new LinkedHashMap<>();
    scala.collection.Map<String, Long> map = r.getAs("rows_dropped");
    if (map != null) {
      JavaConverters.mapAsJavaMap(map).forEach((reason, rows) -> dropped.put(reason, rows == null ? 0L : rows));
    }
    return new QualityRow(YearMonth.parse(r.getAs("month")), r.getAs(DataQualityTable.JOB), r.getAs("source_file"),
        r.<Long>getAs("rows_read"), r.<Long>getAs("rows_kept"), dropped);
  }

  private static double number(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }
}
