package dev.tripcast.htmlreport;

import dev.tripcast.reports.ErrorMetrics;
import dev.tripcast.reports.ReportDimension;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * RMSE by segment (pickup hour, weekday, distance bucket, pickup borough) for the last
 * {@value #MAX_MONTHS} scored months of the range, one bar per month, each chart with its numbers
 * in a folded table. A panel whose dimension has no rows is left out; the section is shown when
 * at least one panel has rows.
 */
final class SegmentsSection implements Section {
  /** Months compared side by side in each chart: the newest ones of the range. */
  static final int MAX_MONTHS = 3;

  private static final List<Html.Column> COLUMNS = List.of(
      Html.Column.text("segment", "segment"), Html.Column.text("month", "month"),
      Html.Column.text("model_version", "model"), Html.Column.number("n", "trips"),
      Html.Column.number("rmse", "RMSE (min)"), Html.Column.number("mae", "MAE (min)"),
      Html.Column.number("bias", "bias (min)"));

  /**
   * One chart of the section.
   *
   * @param dimension the report dimension drawn
   * @param subject what a bar is, for the title, e.g. "pickup hour"
   * @param axis the category axis label, with its unit or time zone
   * @param caption what to look for
   * @param order the segments in axis order, given the rows shown
   * @param label the axis label of a segment, e.g. "Mon" for "1-Mon"
   */
  record Panel(ReportDimension dimension, String subject, String axis, String caption,
      Function<List<ErrorMetrics>, List<String>> order, Function<String, String> label) {}

  private final List<Panel> panels;

  SegmentsSection(List<Panel> panels) {
    this.panels = List.copyOf(panels);
  }

  /** Hour of day, day of week, distance bucket and pickup borough. */
  static SegmentsSection standard() {
    return new SegmentsSection(List.of(
        new Panel(ReportDimension.HOUR_OF_DAY, "pickup hour", "pickup hour (New York time, 0–23)",
            "Peaks show the hours the model handles worst, usually rush hours when traffic varies most.",
            SegmentsSection::textOrder, s -> s.startsWith("0") ? s.substring(1) : s),
        new Panel(ReportDimension.DAY_OF_WEEK, "pickup weekday", "pickup weekday (New York time)",
            "A weekday that stands out suggests a pattern the model does not capture (the course model has no weekday feature).",
            SegmentsSection::textOrder, s -> s.replaceFirst("^[0-9]-", "")),
        new Panel(ReportDimension.TRIP_DISTANCE_BUCKET, "trip distance", "trip distance (miles)",
            "Error normally grows with distance; a short-trip bucket with high error points at bad durations or GPS.",
            SegmentsSection::distanceOrder, Function.identity()),
        new Panel(ReportDimension.PICKUP_BOROUGH, "pickup borough", "pickup borough (busiest first)",
            "Compare boroughs of similar volume; a borough far above the rest is a candidate for its own feature.",
            SegmentsSection::tripsOrder, Function.identity())));
  }

  @Override
  public String id() {
    return "segments";
  }

  @Override
  public String title() {
    return "Where the error is";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return panels.stream().anyMatch(p -> !data.rowsOf(p.dimension()).isEmpty());
  }

  @Override
  public Content render(ReportData data) {
    List<YearMonth> months = lastMonths(data);
    List<String> figures = new ArrayList<>();
    for (Panel panel : panels) {
      List<ErrorMetrics> rows = data.rowsOf(panel.dimension()).stream().filter(r -> months.contains(r.month())).toList();
      if (rows.isEmpty()) {
        continue;
      }
      List<String> segments = panel.order().apply(rows);
      List<String> categories = segments.stream().map(panel.label()).toList();
      Map<String, Map<String, Double>> bySeries = new LinkedHashMap<>();
      for (ErrorMetrics r : rows) {
        bySeries.computeIfAbsent(data.seriesLabel(r.month(), r.modelVersion()), k -> new LinkedHashMap<>())
            .put(panel.label().apply(r.segment()), r.rmse());
      }
      List<Series> series = bySeries.entrySet().stream().map(e -> new Series(e.getKey(), e.getValue())).toList();
      Chart chart = Plots.bars(new ChartSpec("RMSE by " + panel.subject() + ", " + monthsText(months),
          panel.axis(), "RMSE (minutes)", panel.caption()), categories, series);
      List<List<String>> cells = segments.stream().flatMap(s -> rows.stream().filter(r -> r.segment().equals(s)))
          .map(r -> List.of(r.segment(), r.month().toString(), r.modelVersion(), Html.count(r.n()),
              Html.minutes(r.rmse()), Html.minutes(r.mae()), Html.minutes(r.bias())))
          .toList();
      figures.add(Html.figure(chart, Html.foldedTable(panel.dimension().id() + "-table",
          "Error by " + panel.subject() + ", minutes.", COLUMNS, cells)));
    }
    return new Content(Html.grid(figures), figures.size());
  }

  private static List<YearMonth> lastMonths(ReportData data) {
    List<YearMonth> all = data.errorMonths();
    return all.subList(Math.max(0, all.size() - MAX_MONTHS), all.size());
  }

  private static String monthsText(List<YearMonth> months) {
    return months.size() == 1 ? months.get(0).toString() : months.get(0) + " to " + months.get(months.size() - 1);
  }

  /** Segments in text order: "00".."23", "1-Mon".."7-Sun". */
  static List<String> textOrder(List<ErrorMetrics> rows) {
    return rows.stream().map(ErrorMetrics::segment).distinct().sorted().toList();
  }

  /** Distance buckets by their lower bound ("[0,1)", "[1,2)", …, "[20,inf)"), labels that are not buckets last. */
  static List<String> distanceOrder(List<ErrorMetrics> rows) {
    return rows.stream().map(ErrorMetrics::segment).distinct()
        .sorted(Comparator.comparingDouble(SegmentsSection::lowerBoundMiles).thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /** Segments by their trips over the rows shown, most first. */
  static List<String> tripsOrder(List<ErrorMetrics> rows) {
    Map<String, Long> trips = rows.stream().collect(Collectors.groupingBy(ErrorMetrics::segment, Collectors.summingLong(ErrorMetrics::n)));
    return trips.keySet().stream()
        .sorted(Comparator.comparing((String s) -> -trips.get(s)).thenComparing(Comparator.naturalOrder())).toList();
  }

  private static double lowerBoundMiles(String bucket) {
    if (!bucket.startsWith("[") || bucket.indexOf(',') < 0) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(bucket.substring(1, bucket.indexOf(',')));
    } catch (NumberFormatException e) {
      return Double.POSITIVE_INFINITY;
    }
  }
}
