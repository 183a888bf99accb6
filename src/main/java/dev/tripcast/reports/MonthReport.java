package dev.tripcast.reports;

import dev.tripcast.config.Settings;
import dev.tripcast.errors.Errors;
import dev.tripcast.features.DropCounts;
import dev.tripcast.features.DropReason;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import dev.tripcast.tables.DeltaTables;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads back what {@code score} committed for one month: its {@code error_report} rows and its
 * {@code data_quality} counts, at the tables' current versions. It computes nothing new: the
 * scheduled report step prints it, and can fail the run when the error is too high. Run it with
 * {@code tripcast report}.
 */
public final class MonthReport {
  private MonthReport() {}

  /**
   * @param taxiType the layout reported
   * @param month the service month reported
   * @param modelVersion the model version that scored the month (from the report rows)
   * @param rows the month's {@link ErrorReport} rows (a few hundred)
   * @param quality rows read, kept and dropped per source file (empty if the table is missing)
   * @param table the {@code error_report} table, fully qualified
   * @param tableVersion the table version read
   */
  public record Result(TaxiType taxiType, YearMonth month, String modelVersion, List<Row> rows,
      List<DropCounts> quality, String table, long tableVersion) {

    /** The {@code overall} row's RMSE, minutes. */
    public double overallRmse() {
      return rows.stream().filter(r -> ReportDimension.OVERALL.id().equals(r.getAs(ErrorReport.DIMENSION)))
          .findFirst().map(r -> r.<Double>getAs("rmse"))
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
    Map<String, String> partition = new LinkedHashMap<>();
    partition.put(TripColumns.TAXI_TYPE, taxiType.id());
    partition.put(ErrorReport.MONTH, month.toString());
    String reportPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().errorReport());
    long version = DeltaTables.latestVersion(spark, reportPath)
        .orElseThrow(() -> Errors.noReport(taxiType.id(), month, reportPath));
    List<Row> rows = DeltaTables.readPartition(spark, reportPath, version, partition).collectAsList();
    if (rows.isEmpty()) {
      throw Errors.noReport(taxiType.id(), month, reportPath);
    }
    String qualityPath = DeltaTables.location(spark, settings.paths().warehouseRoot(), settings.tables().dataQuality());
    List<DropCounts> quality = DeltaTables.latestVersion(spark, qualityPath)
        .map(v -> counts(DeltaTables.readPartition(spark, qualityPath, v, partition).collectAsList(), month))
        .orElse(List.of());
    return new Result(taxiType, month, rows.get(0).getAs("model_version"), rows, quality, reportPath, version);
  }

  /** The scoring run's counts per source file (rows written by {@code score}, job "score"). */
  private static List<DropCounts> counts(List<Row> qualityRows, YearMonth month) {
    List<DropCounts> out = new ArrayList<>();
    for (Row r : qualityRows) {
      if (!DataQualityTable.SCORE.equals(r.getAs(DataQualityTable.JOB))) {
        continue;
      }
      Map<DropReason, Long> dropped = new java.util.EnumMap<>(DropReason.class);
      scala.collection.JavaConverters.mapAsJavaMap(r.<scala.collection.Map<String, Long>>getAs("rows_dropped"))
          .forEach((reason, rows) -> dropped.put(DropReason.fromId(reason)
              .orElseThrow(() -> new IllegalStateException("unknown drop reason " + reason)), rows));
      DropCounts c = DropCounts.of(month.toString(), r.getAs("source_file"), r.<Long>getAs("rows_kept"), dropped);
      if (c.read() != r.<Long>getAs("rows_read")) {
        throw new IllegalStateException("data_quality row accounting broken for " + c.sourceFile());
      }
      out.add(c);
    }
    return out;
  }
}
