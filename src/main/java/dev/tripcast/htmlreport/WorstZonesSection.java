package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pickup zones with the highest RMSE in the newest scored month, among zones with at least
 * {@code minTrips} trips (fewer trips make a zone's RMSE noise). Shown when such zones exist.
 */
final class WorstZonesSection implements Section {
  /** Default minimum trips per zone. */
  static final int DEFAULT_MIN_TRIPS = 100;
  /** Default number of zones shown. */
  static final int DEFAULT_TOP = 12;

  private static final List<Html.Column> COLUMNS = List.of(
      Html.Column.text("segment", "pickup zone"), Html.Column.text("model_version", "model"),
      Html.Column.number("n", "trips"), Html.Column.number("rmse", "RMSE (min)"),
      Html.Column.number("mae", "MAE (min)"), Html.Column.number("bias", "bias (min)"));

  private final int minTrips;
  private final int top;

  /**
   * @param minTrips smallest trip count a zone needs to be ranked (≥ 1)
   * @param top how many zones to show (≥ 1)
   */
  WorstZonesSection(int minTrips, int top) {
    if (minTrips < 1 || top < 1) {
      throw new IllegalArgumentException("minTrips and top must be ≥ 1, got " + minTrips + " and " + top);
    }
    this.minTrips = minTrips;
    this.top = top;
  }

  @Override
  public String id() {
    return "worst-zones";
  }

  @Override
  public String title() {
    return "Worst pickup zones";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !worst(data).isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<ErrorMetrics> worst = worst(data);
    YearMonth month = worst.get(0).month();
    Map<String, Double> rmse = new LinkedHashMap<>();
    worst.forEach(r -> rmse.put(r.segment(), r.rmse()));
    Chart chart = Plots.horizontalBars(new ChartSpec(
        "Pickup zones with the highest RMSE, " + month, "pickup zone (≥ " + minTrips + " trips)", "RMSE (minutes)",
        "Zones with at least " + minTrips + " trips in " + month + ", worst first: look for airports, bridges"
            + " and rare long routes the model cannot time."),
        List.copyOf(rmse.keySet()), List.of(new Series("RMSE", rmse)));
    List<List<String>> cells = worst.stream().map(r -> List.of(r.segment(), r.modelVersion(), Html.count(r.n()),
        Html.minutes(r.rmse()), Html.minutes(r.mae()), Html.minutes(r.bias()))).toList();
    // Chart and table side by side on a laptop, one above the other on a phone.
    return new Content(Html.withTable(chart, Html.table("worst-zones-table", "Worst pickup zones, " + month + ", minutes.", COLUMNS, cells)), 1);
  }

  /** The newest month's zones with enough trips, highest RMSE first, at most {@code top}. */
  private List<ErrorMetrics> worst(ReportData data) {
    List<ErrorMetrics> zones = data.rowsOf(ReportDimension.PICKUP_ZONE);
    YearMonth last = zones.stream().map(ErrorMetrics::month).max(Comparator.naturalOrder()).orElse(null);
    return zones.stream().filter(r -> r.month().equals(last) && r.n() >= minTrips)
        .sorted(Comparator.comparingDouble(ErrorMetrics::rmse).reversed().thenComparing(ErrorMetrics::segment))
        .limit(top).toList();
  }
}
