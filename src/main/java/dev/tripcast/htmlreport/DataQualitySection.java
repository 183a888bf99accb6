package dev.tripcast.htmlreport;

import dev.tripcast.features.DropReason;
import dev.tripcast.monitoring.DataQualityTable;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rows read, kept and dropped by reason, per month, from {@code data_quality}. A month counts the
 * rows of its scoring run; a month that was only trained or validated on counts its training run
 * (job column), so no file is counted twice. Drop reasons that dropped no row in any month are
 * left out of the chart and table.
 */
final class DataQualitySection implements Section {
  /** One month's counts, summed over its source files. */
  record MonthCounts(YearMonth month, String job, int files, long read, long kept, Map<String, Long> dropped) {
    long droppedTotal() {
      return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  @Override
  public String id() {
    return "data-quality";
  }

  @Override
  public String title() {
    return "Rows read, kept and dropped";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.quality().isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<MonthCounts> months = byMonth(data.quality());
    List<String> reasons = new ArrayList<>();
    for (DropReason reason : DropReason.values()) {
      if (months.stream().anyMatch(m -> m.dropped().getOrDefault(reason.id(), 0L) > 0)) {
        reasons.add(reason.id());
      }
    }
    months.stream().flatMap(m -> m.dropped().keySet().stream()).distinct()
        .filter(r -> DropReason.fromId(r).isEmpty()).sorted().forEach(reasons::add);
    List<Html.Column> columns = new ArrayList<>(List.of(Html.Column.text("month", "month"), Html.Column.text("job", "job"),
        Html.Column.number("rows_read", "read"), Html.Column.number("rows_kept", "kept"),
        Html.Column.number("rows_dropped", "dropped"), Html.Column.number("kept_share", "kept share")));
    reasons.forEach(r -> columns.add(Html.Column.number("dropped." + r, r.replace('_', ' '))));
    List<List<String>> cells = new ArrayList<>();
    for (MonthCounts m : months) {
      List<String> row = new ArrayList<>(List.of(m.month().toString(), m.job(), Html.count(m.read()), Html.count(m.kept()),
          Html.count(m.droppedTotal()), Html.percent(m.kept(), m.read())));
      reasons.forEach(r -> row.add(Html.count(m.dropped().getOrDefault(r, 0L))));
      cells.add(row);
    }
    String table = Html.table("data-quality-table",
        "Rows per month (read = kept + dropped); dropped rows by reason.", columns, cells);
    if (reasons.isEmpty()) {
      return new Content(table, 0);
    }
    List<String> categories = months.stream().map(m -> m.month().toString()).toList();
    List<Series> series = reasons.stream().map(reason -> {
      Map<String, Double> values = new LinkedHashMap<>();
      months.forEach(m -> values.put(m.month().toString(), (double) m.dropped().getOrDefault(reason, 0L)));
      return new Series(reason.replace('_', ' '), values);
    }).toList();
    Chart chart = Plots.stackedBars(new ChartSpec("Dropped rows by reason and month", "service month", "rows dropped (trips)",
        "A jump in one reason points at a change in the source files, not the model; kept rows are in the table."),
        categories, series);
    return new Content(Html.figures(List.of(chart)) + table, 1);
  }

  /** Per month, the scoring run's files if there are any, else the training run's, summed. */
  static List<MonthCounts> byMonth(List<QualityRow> rows) {
    Map<YearMonth, List<QualityRow>> grouped = new TreeMap<>();
    rows.forEach(r -> grouped.computeIfAbsent(r.month(), k -> new ArrayList<>()).add(r));
    List<MonthCounts> out = new ArrayList<>();
    grouped.forEach((month, monthRows) -> {
      boolean scored = monthRows.stream().anyMatch(r -> DataQualityTable.SCORE.equals(r.job()));
      String job = scored ? DataQualityTable.SCORE : monthRows.get(0).job();
      List<QualityRow> used = monthRows.stream().filter(r -> r.job().equals(job)).toList();
      Map<String, Long> dropped = new LinkedHashMap<>();
      used.forEach(r -> r.rowsDropped().forEach((reason, n) -> dropped.merge(reason, n, Long::sum)));
      out.add(new MonthCounts(month, job, used.size(), used.stream().mapToLong(QualityRow::rowsRead).sum(),
          used.stream().mapToLong(QualityRow::rowsKept).sum(), dropped));
    });
    return out;
  }
}
