package dev.tripcast.htmlreport;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The champion/challenger history from the {@code model_registry} table: every version registered
 * and every alias set, moved, rolled back or refused, oldest first. Shown only when the registry
 * has events.
 */
final class ChampionHistorySection implements Section {
  private static final List<Html.Column> COLUMNS = List.of(
      Html.Column.text("time", "time (UTC)"), Html.Column.text("event", "event"), Html.Column.text("alias", "alias"),
      Html.Column.text("version", "version"), Html.Column.text("previous_version", "before"),
      Html.Column.prose("reason", "reason"), Html.Column.text("run_id", "run"));

  @Override
  public String id() {
    return "champion-history";
  }

  @Override
  public String title() {
    return "Champion and challenger history";
  }

  @Override
  public boolean hasRows(ReportData data) {
    return !data.registry().isEmpty();
  }

  @Override
  public Content render(ReportData data) {
    List<List<String>> rows = data.registry().stream()
        .sorted(Comparator.comparing(RegistryEvent::time, Comparator.nullsFirst(Comparator.naturalOrder())))
        .map(e -> List.of(Objects.toString(e.time(), ""), e.event(), Objects.toString(e.alias(), ""), e.version(),
            Objects.toString(e.previousVersion(), ""), Objects.toString(e.reason(), ""), Objects.toString(e.runId(), "")))
        .toList();
    return new Content(Html.table("champion-history-table",
        "Model registry events, oldest first: which version was champion or challenger when, and why.",
        COLUMNS, rows), 0);
  }
}
