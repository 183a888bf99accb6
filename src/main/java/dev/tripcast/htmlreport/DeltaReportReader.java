package dev.tripcast.htmlreport;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sort_array;

import dev.tripcast.ingest.TripColumns;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.monitoring.ChecksTable;
import dev.tripcast.monitoring.DataQualityTable;
import dev.tripcast.monitoring.DriftMetric;
import dev.tripcast.monitoring.DriftMetricsTable;
import dev.tripcast.monitoring.MonthAgreement;
import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ErrorReport;
import dev.tripcast.reports.NoReportException;
import dev.tripcast.reports.ReportDimension;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.tables.Table;
import dev.tripcast.tables.Warehouse;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reads the rows the HTML report shows from the warehouse, at the tables' latest versions:
 * {@link ErrorReport#TABLE} as {@link ErrorMetrics} (the production rows: the versions
 * {@code scored_trips} holds, {@link ErrorReport#ofScoredTrips}), {@link DataQualityTable#TABLE} as
 * {@link QualityRow}s and {@link ModelAliases#TABLE} as {@link RegistryEvent}s. It computes nothing from trips; the Spark work is a filtered read of
 * small tables (a few hundred rows per month) and of the distinct model versions and row count per month in
 * {@code scored_trips}, by which it finds half-written months ({@link MonthAgreement}). This is the package's only
 * class that touches Spark.
 */
final class DeltaReportReader {
  private DeltaReportReader() {}

  /**
   * @param taxiType the layout to read, e.g. "green"
   * @param from first service month, inclusive
   * @param to last service month, inclusive
   * @return the rows, with {@code quality} empty when {@code data_quality} does not exist, and one
   *     {@link MonthAgreement} line per month whose three tables disagree
   * @throws NoReportException when {@code error_report} is missing or has no
   *     rows for the taxi type in the range: score a month of the range first, or fix the warehouse root
   */
  static ReportData read(Warehouse warehouse, String taxiType, YearMonth from, YearMonth to) {
    String reportPath = warehouse.location(ErrorReport.TABLE);
    List<ErrorMetrics> errors = inRange(warehouse, ErrorReport.TABLE, taxiType, from, to)
        .flatMap(report -> inRange(warehouse, ScoredTrips.TABLE, taxiType, from, to)
            .map(scored -> ErrorReport.ofScoredTrips(report, scored)))
        .map(Dataset::collectAsList).orElse(List.of()).stream()
        .map(ErrorMetrics::fromRow).toList();
    if (errors.isEmpty()) {
      throw new NoReportException(taxiType, from, reportPath);
    }
    List<QualityRow> quality = inRange(warehouse, DataQualityTable.TABLE, taxiType, from, to)
        .map(Dataset::collectAsList).orElse(List.of()).stream()
        .map(r -> QualityRow.of(DataQualityTable.fromRow(r))).toList();
    List<RegistryEvent> registry = warehouse.readAll(ModelAliases.TABLE)
        .map(rows -> rows.collectAsList().stream().map(RegistryEvent::fromRow).toList())
        .orElse(List.of());
    List<Row> months = scoredMonths(warehouse, taxiType, from, to);
    Set<String> served = new HashSet<>();
    months.forEach(m -> Arrays.stream(m.getString(2).split(",")).forEach(v -> served.add(m.getString(0) + " " + v)));
    List<MonthDrift> drift = inRange(warehouse, DriftMetricsTable.TABLE, taxiType, from, to)
        .map(rows -> rows.where(col("granularity").equalTo(DriftMetric.MONTH)
            .and(col("compared_to").equalTo(DriftMetric.BASELINE))).collectAsList())
        .orElse(List.of()).stream()
        .filter(r -> served.contains(r.getAs(TripColumns.MONTH) + " " + r.getAs(ScoredTrips.MODEL_VERSION)))
        .map(r -> new MonthDrift(YearMonth.parse(r.getAs(TripColumns.MONTH)), r.getAs(ScoredTrips.MODEL_VERSION),
            DriftMetricsTable.fromRow(r)))
        .toList();
    List<FiredCheck> checks = inRange(warehouse, ChecksTable.TABLE, taxiType, from, to)
        .map(rows -> rows.where(col("status").isin("warn", "error")).collectAsList())
        .orElse(List.of()).stream()
        .filter(r -> served.contains(r.getAs(TripColumns.MONTH) + " " + r.getAs(ScoredTrips.MODEL_VERSION)))
        .map(FiredCheck::fromRow)
        .toList();
    return new ReportData(taxiType, from, to, errors, quality, registry, warehouse.root(),
        halfWritten(months, taxiType, errors, quality), drift, checks);
  }

  /** Per month of the range in {@code scored_trips}: month, trips, its model versions joined by ",". */
  private static List<Row> scoredMonths(Warehouse warehouse, String taxiType, YearMonth from, YearMonth to) {
    return inRange(warehouse, ScoredTrips.TABLE, taxiType, from, to)
        .map(trips -> trips.groupBy(col(TripColumns.MONTH))
            .agg(count(lit(1)), concat_ws(",", sort_array(collect_set(col(ScoredTrips.MODEL_VERSION)))))
            .orderBy(col(TripColumns.MONTH)).collectAsList())
        .orElse(List.of());
  }

  /**
   * {@link MonthAgreement#check} of each month of the range that {@code scored_trips} holds: its
   * trip count against the {@code overall} rows' {@code n} of the versions that scored it (the
   * production rows in {@code errors}) and the {@code rows_kept} of its {@code data_quality} score
   * rows, as {@code tripcast report --month} checks one month.
   */
  private static List<String> halfWritten(List<Row> months, String taxiType, List<ErrorMetrics> errors,
      List<QualityRow> quality) {
    List<String> lines = new ArrayList<>();
    for (Row m : months) {
      YearMonth month = YearMonth.parse(m.getString(0));
      OptionalLong reportTrips = errors.stream().filter(r -> r.month().equals(month) && r.is(ReportDimension.OVERALL))
          .mapToLong(ErrorMetrics::n).reduce(Long::sum);
      List<QualityRow> scored = quality.stream()
          .filter(q -> q.month().equals(month) && q.job().equals(DataQualityTable.SCORE)).toList();
      OptionalLong kept = scored.isEmpty() ? OptionalLong.empty()
          : OptionalLong.of(scored.stream().mapToLong(QualityRow::rowsKept).sum());
      MonthAgreement.check(taxiType, month, m.getString(2), m.getLong(1), reportTrips, kept).ifPresent(lines::add);
    }
    return lines;
  }

  /** Rows of one taxi type whose {@code month} ("YYYY-MM", so ordered as text) is in [from, to]; empty if no table. */
  private static Optional<Dataset<Row>> inRange(Warehouse warehouse, Table table, String taxiType, YearMonth from,
      YearMonth to) {
    Column month = col(TripColumns.MONTH);
    return warehouse.readAll(table)
        .map(rows -> rows.where(col(TripColumns.TAXI_TYPE).equalTo(taxiType)
            .and(month.geq(from.toString())).and(month.leq(to.toString()))));
  }
}
