package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Error of trips whose pickup–dropoff pair (PU_DO) was in the training data ("seen") against those
 * whose pair was not ("unseen"), by month, with each group's share of the month's trips.
 */
final class SeenUnseenSection implements Section {
  private static final List<Html.Column> COLUMNS = List.of(
      Html.Column.text("month", "month"), Html.Column.text("model_version", "model"),
      Html.Column.text("segment", "PU_DO pair"), Html.Column.number("n", "trips"),
      Html.Column.number("share", "share of trips"), Html.Column.number("rmse", "RMSE (min)"),
      Html.Column.number("bias", "bias (min)"));

  @Override
  public String id() {
    return "seen-unseen";
  }

  @Override
  public String title() {
    return "Seen vs unseen pickup–dropoff pairs";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.rowsOf(ReportDimension.PU_DO_SEEN).isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<ErrorMetrics> rows = data.rowsOf(ReportDimension.PU_DO_SEEN);
    Map<String, Long> monthTrips = rows.stream().collect(Collectors.groupingBy(
        r -> r.month() + "/" + r.modelVersion(), Collectors.summingLong(ErrorMetrics::n)));
    Map<String, Map<String, Double>> bySegment = new LinkedHashMap<>();
    for (String segment : List.of("seen", "unseen")) {
      bySegment.put(segment, new LinkedHashMap<>());
    }
    for (ErrorMetrics r : rows) {
      bySegment.computeIfAbsent(r.segment(), k -> new LinkedHashMap<>()).put(data.seriesLabel(r.month(), r.modelVersion()), r.rmse());
    }
    List<String> categories = rows.stream().map(r -> data.seriesLabel(r.month(), r.modelVersion())).distinct().toList();
    List<Series> series = bySegment.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> new Series(e.getKey(), e.getValue())).toList();
    Chart chart = Plots.bars(new ChartSpec("RMSE of seen and unseen PU_DO pairs by month", "service month",
        "RMSE (minutes)", "Unseen pairs get no pair-specific estimate: a wide gap, or a growing unseen share in the"
            + " table, says it is time to retrain."), categories, series);
    List<List<String>> cells = rows.stream().map(r -> List.of(r.month().toString(), r.modelVersion(), r.segment(),
        Html.count(r.n()), Html.percent(r.n(), monthTrips.get(r.month() + "/" + r.modelVersion())),
        Html.minutes(r.rmse()), Html.minutes(r.bias()))).toList();
    // Chart and table side by side on a laptop, one above the other on a phone.
    return new Content(Html.withTable(chart, Html.table("seen-unseen-table", "Seen and unseen PU_DO pairs per month, minutes.", COLUMNS, cells)), 1);
  }
}
