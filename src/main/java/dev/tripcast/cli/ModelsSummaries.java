package dev.tripcast.cli;

import dev.tripcast.model.ModelAliases;

/** One-line renderings of registry events for the {@code models} commands. */
final class ModelsSummaries {
  private ModelsSummaries() {}

  /** e.g. {@code 2026-12-02T05:01:00Z alias_moved @champion v1 → v2 (run models-promote-…): beat v1}. */
  static String event(ModelAliases.Event e) {
    String what = e.alias() == null ? e.version()
        : "@" + e.alias() + " " + (e.previousVersion() == null ? "" : e.previousVersion() + " → ") + e.version();
    return String.format("%s %-19s %s (run %s): %s", e.time(), e.event(), what, e.runId(), e.reason());
  }
}
