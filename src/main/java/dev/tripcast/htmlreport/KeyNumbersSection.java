package dev.tripcast.htmlreport;

import dev.tripcast.reports.ReportDimension;
import java.util.List;

/** The overall error of every scored month and model version, as a table to check numbers against. */
final class KeyNumbersSection implements Section {
  static final String ID = "key-numbers";

  private static final List<Html.Column> COLUMNS = List.of(
      Html.Column.text("month", "month"), Html.Column.text("model_version", "model"),
      Html.Column.number("n", "scored trips"), Html.Column.number("rmse", "RMSE (min)"),
      Html.Column.number("mae", "MAE (min)"), Html.Column.number("bias", "bias (min)"),
      Html.Column.number("p50_abs_error", "median |error| (min)"),
      Html.Column.number("p90_abs_error", "p90 |error| (min)"));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String title() {
    return "Key numbers";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.rowsOf(ReportDimension.OVERALL).isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<List<String>> rows = data.rowsOf(ReportDimension.OVERALL).stream()
        .map(r -> List.of(r.month().toString(), r.modelVersion(), Html.count(r.n()), Html.minutes(r.rmse()),
            Html.minutes(r.mae()), Html.minutes(r.bias()), Html.minutes(r.p50AbsError()), Html.minutes(r.p90AbsError())))
        .toList();
    return new Content(Html.table("key-numbers-table",
        "Overall error per scored month, in minutes (error = actual − predicted duration; positive bias = under-predicted).",
        COLUMNS, rows), 0);
  }
}
