package dev.tripcast.htmlreport;

import dev.tripcast.monitoring.ProfileColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monitoring by month, from {@code drift_metrics} and {@code checks} (docs/monitoring.md): did the
 * data move (each column's distance to the model's reference: normed Wasserstein for the numeric
 * columns, Jensen–Shannon for the categorical ones, with their threshold), did the model get worse
 * (RMSE over the validation RMSE, with its threshold), and which rules fired. Shown when a month
 * of the range was monitored.
 */
final class DriftSection implements Section {
  private static final List<Html.Column> CHECK_COLUMNS = List.of(Html.Column.text("month", "month"),
      Html.Column.text("version", "version"), Html.Column.text("rule", "rule"), Html.Column.text("level", "level"),
      Html.Column.text("column", "column"), Html.Column.text("statistic", "statistic"),
      Html.Column.number("value", "value"), Html.Column.number("threshold", "threshold"),
      Html.Column.text("action", "action"));

  @Override
  public String id() {
    return "drift";
  }

  @Override
  public String title() {
    return "Drift and checks";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.drift().isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<String> months = data.drift().stream().map(d -> d.month().toString()).distinct().sorted().toList();
    List<String> versions = data.drift().stream().map(MonthDrift::modelVersion).distinct().sorted().toList();
    String served = versions.size() == 1 ? "model " + versions.get(0) : "models " + String.join(", ", versions);
    List<Series> distances = new ArrayList<>();
    for (String column : ProfileColumns.NUMERIC) {
      distances.add(series(column, data.drift(), column, "normed_wasserstein"));
    }
    for (String column : ProfileColumns.CATEGORICAL) {
      distances.add(series(column, data.drift(), column, "jensen_shannon"));
    }
    distances.add(threshold("drift threshold", data.drift(), "normed_wasserstein", months));
    List<Chart> charts = new ArrayList<>();
    charts.add(Plots.lines(new ChartSpec("Drift from the reference by month (" + served + ")", "service month",
        "distance to the reference",
        "Each column's distance from the data the model was trained on: normed Wasserstein for trip_distance,"
            + " duration and prediction, Jensen–Shannon for the zones and PU_DO. A column at or above the"
            + " threshold has drifted; the month has drifted when half of its columns have."),
        months, distances.stream().filter(s -> !s.values().isEmpty()).toList()));
    Series ratio = series("RMSE ÷ validation RMSE", data.drift(), "duration", "rmse_ratio");
    if (!ratio.values().isEmpty()) {
      List<String> without = months.stream().filter(m -> !ratio.values().containsKey(m)).toList();
      charts.add(Plots.lines(new ChartSpec("Error against validation by month (" + served + ")", "service month",
          "RMSE ÷ validation RMSE",
          "Above the threshold the model does worse than when it was validated (from labels, not from drift);"
              + " a model's own validation month has no value"
              + (without.isEmpty() ? "." : " (here " + String.join(", ", without) + ").")),
          months, List.of(ratio, threshold("threshold", data.drift(), "rmse_ratio", months))));
    }
    List<List<String>> fired = data.checks().stream()
        .sorted(java.util.Comparator.comparing(FiredCheck::month).thenComparing(FiredCheck::rule))
        .map(c -> List.of(c.month().toString(), c.modelVersion(), c.rule(), c.level(), c.column(), c.statistic(),
            number(c.value()), number(c.threshold()), c.action()))
        .toList();
    String table = fired.isEmpty()
        ? "<p class=\"table-caption\">No rule fired on a monitored month of the range.</p>"
        : Html.table("checks-fired-table", "Rules that fired, by month: ERROR rules set the exit code"
            + " (7 data drift, 8 performance breached); RETRAIN asks nightly to retrain.", CHECK_COLUMNS, fired);
    return new Content(Html.figures(charts) + table, charts.size());
  }

  private static Series series(String name, List<MonthDrift> rows, String column, String statistic) {
    Map<String, Double> byMonth = new LinkedHashMap<>();
    rows.stream().filter(d -> d.metric().column().equals(column) && d.metric().statistic().equals(statistic))
        .forEach(d -> byMonth.put(d.month().toString(), d.metric().value()));
    return new Series(name, byMonth);
  }

  /** The statistic's threshold drawn as a flat line over the months (the first row's). */
  private static Series threshold(String name, List<MonthDrift> rows, String statistic, List<String> months) {
    Map<String, Double> byMonth = new LinkedHashMap<>();
    rows.stream().map(MonthDrift::metric).filter(m -> m.statistic().equals(statistic)).findFirst()
        .ifPresent(m -> months.forEach(month -> byMonth.put(month, m.threshold())));
    return new Series(name + " " + number(byMonth.values().stream().findFirst().orElse(0.0)), byMonth);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
