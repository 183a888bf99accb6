package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the HTML report shows, read from the Delta tables for one taxi type and a month
 * range: no Spark types, so sections can be rendered and tested without a session.
 *
 * @param taxiType the TLC layout, e.g. "green"
 * @param from first month of the range, inclusive
 * @param to last month of the range, inclusive ({@code ≥ from})
 * @param errors {@code error_report} rows of the range, any order
 * @param quality {@code data_quality} rows of the range, any order (empty if the table is missing)
 * @param registry {@code model_registry} events of the model, any order (empty if the table is missing)
 * @param source where the rows came from, for the page footer (e.g. the warehouse root)
 * @param halfWritten one line per month of the range whose tables disagree (a {@code score} run
 *     died between its commits), as {@link dev.tripcast.monitoring.MonthAgreement#check} words it;
 *     empty when every month agrees. The page shows each at its top.
 * @param drift month-level {@code drift_metrics} rows against the reference of the versions that
 *     serve the months of the range, any order (empty if no month was monitored)
 * @param checks the {@code checks} rules that fired on those months, any order
 */
public record ReportData(String taxiType, YearMonth from, YearMonth to, List<ErrorMetrics> errors,
    List<QualityRow> quality, List<RegistryEvent> registry, String source, List<String> halfWritten,
    List<MonthDrift> drift, List<FiredCheck> checks) {

  public ReportData {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("month range " + from + ".." + to + " ends before it starts");
    }
    errors = List.copyOf(errors);
    quality = List.copyOf(quality);
    registry = List.copyOf(registry);
    halfWritten = List.copyOf(halfWritten);
    drift = List.copyOf(drift);
    checks = List.copyOf(checks);
  }

  /** Report data without monitoring rows. */
  public ReportData(String taxiType, YearMonth from, YearMonth to, List<ErrorMetrics> errors, List<QualityRow> quality,
      List<RegistryEvent> registry, String source, List<String> halfWritten) {
    this(taxiType, from, to, errors, quality, registry, source, halfWritten, List.of(), List.of());
  }

  /** Report data whose months all agree (no half-written month). */
  public ReportData(String taxiType, YearMonth from, YearMonth to, List<ErrorMetrics> errors, List<QualityRow> quality,
      List<RegistryEvent> registry, String source) {
    this(taxiType, from, to, errors, quality, registry, source, List.of());
  }

  /** Report data without registry events. */
  public ReportData(String taxiType, YearMonth from, YearMonth to, List<ErrorMetrics> errors, List<QualityRow> quality,
      String source) {
    this(taxiType, from, to, errors, quality, List.of(), source, List.of());
  }

  /** The rows of one dimension, ordered by month, model version, then segment. */
  public List<ErrorMetrics> rowsOf(ReportDimension dimension) {
    return errors.stream().filter(r -> r.dimension().equals(dimension.id()))
        .sorted(Comparator.comparing(ErrorMetrics::month).thenComparing(ErrorMetrics::modelVersion)
            .thenComparing(ErrorMetrics::segment))
        .toList();
  }

  /** The months that have error rows, ascending. */
  public List<YearMonth> errorMonths() {
    return errors.stream().map(ErrorMetrics::month).distinct().sorted().toList();
  }

  /** The newest month with error rows, if any. */
  public Optional<YearMonth> lastErrorMonth() {
    return errors.stream().map(ErrorMetrics::month).max(Comparator.naturalOrder());
  }

  /**
   * The label of a (month, model version) series: "2021-02" while every month was scored by one
   * version only, "2021-02 v1" once a month has rows of several versions.
   */
  public String seriesLabel(YearMonth month, String modelVersion) {
    boolean severalVersions = errors.stream()
        .collect(java.util.stream.Collectors.groupingBy(ErrorMetrics::month,
            java.util.stream.Collectors.mapping(ErrorMetrics::modelVersion, java.util.stream.Collectors.toSet())))
        .values().stream().anyMatch(versions -> versions.size() > 1);
    return severalVersions ? month + " " + modelVersion : month.toString();
  }
}
