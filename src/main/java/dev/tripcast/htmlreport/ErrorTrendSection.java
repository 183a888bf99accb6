package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** RMSE, MAE and bias of the overall segment by month, one line per measure and model version. */
final class ErrorTrendSection implements Section {
  @Override
  public String id() {
    return "error-trend";
  }

  @Override
  public String title() {
    return "Error over time";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.rowsOf(ReportDimension.OVERALL).isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<ErrorMetrics> overall = data.rowsOf(ReportDimension.OVERALL);
    List<String> versions = overall.stream().map(ErrorMetrics::modelVersion).distinct().sorted().toList();
    List<String> months = data.errorMonths().stream().map(Object::toString).toList();
    List<Series> series = new ArrayList<>();
    for (String version : versions) {
      String suffix = versions.size() > 1 ? " " + version : "";
      series.add(measure("RMSE" + suffix, overall, version, ErrorMetrics::rmse));
      series.add(measure("MAE" + suffix, overall, version, ErrorMetrics::mae));
      series.add(measure("bias" + suffix, overall, version, ErrorMetrics::bias));
    }
    Chart chart = Plots.lines(new ChartSpec(
        "Overall error by month" + (versions.size() == 1 ? " (model " + versions.get(0) + ")" : ""),
        "service month", "error (minutes)",
        "Rising RMSE or MAE means the model does worse on newer months; bias away from 0 means it"
            + " systematically under- (above 0) or over-predicts (below 0)."),
        months, series);
    return new Content(Html.figures(List.of(chart)), 1);
  }

  private static Series measure(String name, List<ErrorMetrics> rows, String version, ToDoubleFunction<ErrorMetrics> value) {
    Map<String, Double> byMonth = new LinkedHashMap<>();
    rows.stream().filter(r -> r.modelVersion().equals(version))
        .forEach(r -> byMonth.put(r.month().toString(), value.applyAsDouble(r)));
    return new Series(name, byMonth);
  }
}
