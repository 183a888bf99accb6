package dev.tripcast.cli;

import dev.tripcast.monitoring.AlertsTable.Alert;

/** How one {@code alerts} row prints: one line, the key shortened to its first 12 hex digits. */
final class AlertLine {
  private AlertLine() {}

  /** "2021-03-02 04:00:00 green 2021-04 v1 rmse-ratio,psi  delivered at … after 3 attempts (abc123def456)". */
  static String of(Alert a) {
    return String.format("%s %s %s %s %-24s %s (%s)", a.createdAt().toInstant(), a.taxiType(), a.month(),
        a.modelVersion(), a.rules(), status(a), a.key().substring(0, 12));
  }

  /** "delivered at 2026-…Z after 3 attempts", "pending after 2 attempts: HTTP 500", "refused: HTTP 400". */
  static String status(Alert a) {
    if (a.deliveredAt() != null) {
      return "delivered at " + a.deliveredAt().toInstant() + " after " + a.attempts() + " attempts";
    }
    return a.status() + " after " + a.attempts() + " attempts" + (a.lastError() == null ? "" : ": " + a.lastError());
  }
}
