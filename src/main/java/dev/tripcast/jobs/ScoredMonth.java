package dev.tripcast.jobs;

import dev.tripcast.features.DropCounts;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.monitoring.DataQualityTable;
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

/**
 * What a scored month's three tables hold, as {@link ReportJob} and {@link MonitorJob} read them:
 * the versions serving it ({@code scored_trips}), its {@code error_report} rows, its
 * {@code data_quality} counts, and whether they agree ({@link MonthAgreement}). Reads only.
 */
final class ScoredMonth {
  private ScoredMonth() {}

  /**
   * Whether a scored month's three tables agree, as {@code report} and {@code monitor} check
   * them: one line saying how they disagree and how to repair it ({@link MonthAgreement}), empty
   * if they agree.
   *
   * @throws dev.tripcast.errors.InvalidInputException if {@code scored_trips} has no rows for the month
   */
  static Optional<String> halfWritten(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    List<String> served = servedVersions(warehouse, taxiType, month);
    List<ErrorMetrics> rows = reportRows(warehouse.readLatest(ErrorReport.TABLE.key(taxiType.id(), month, served)));
    return agreement(warehouse, taxiType, month, served, rows, scoreQuality(warehouse, taxiType, month));
  }

  static List<ErrorMetrics> reportRows(Optional<Warehouse.Snapshot> report) {
    return report.map(r -> r.rows().collectAsList().stream().map(ErrorMetrics::fromRow).toList()).orElse(List.of());
  }

  /** The {@code data_quality} counts of the month's score run, per source file; empty if none. */
  static List<DropCounts> scoreQuality(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    Table.Key scored = DataQualityTable.TABLE.key(taxiType.id(), month, DataQualityTable.SCORE);
    return warehouse.readLatest(scored)
        .map(s -> s.rows().collectAsList().stream().map(r -> DataQualityTable.fromRow(r).quality().counts()).toList())
        .orElse(List.of());
  }

  /** {@link MonthAgreement#check} of the month's trips (one version), report rows and quality counts. */
  static Optional<String> agreement(Warehouse warehouse, TaxiType taxiType, YearMonth month,
      List<String> served, List<ErrorMetrics> rows, List<DropCounts> quality) {
    long trips = warehouse.readLatest(ScoredTrips.TABLE.key(taxiType.id(), month)).map(s -> s.rows().count()).orElse(0L);
    OptionalLong reportTrips = rows.stream().filter(r -> r.is(ReportDimension.OVERALL))
        .mapToLong(ErrorMetrics::n).reduce(Long::sum);
    OptionalLong kept = quality.isEmpty() ? OptionalLong.empty()
        : OptionalLong.of(quality.stream().mapToLong(DropCounts::kept).sum());
    return MonthAgreement.check(taxiType.id(), month, String.join(",", served), trips, reportTrips, kept);
  }

  /** The model version(s) {@code scored_trips} holds for the month: the production rows of the error report. */
  static List<String> servedVersions(Warehouse warehouse, TaxiType taxiType, YearMonth month) {
    List<String> versions = warehouse.readLatest(ScoredTrips.TABLE.key(taxiType.id(), month))
        .map(s -> s.rows().select(ScoredTrips.MODEL_VERSION).distinct().collectAsList().stream()
            .map(r -> r.getString(0)).toList())
        .orElse(List.of());
    if (versions.isEmpty()) {
      throw new NoReportException(taxiType.id(), month, warehouse.location(ErrorReport.TABLE));
    }
    return versions;
  }

}
