package dev.tripcast.htmlreport;

import java.time.Instant;
import org.apache.spark.sql.Row;

/**
 * One event of the {@code model_registry} Delta table ({@link dev.tripcast.model.ModelAliases#TABLE}):
 * a version registered, or an alias set, moved, rolled back or a move rejected.
 *
 * @param time when it happened (UTC instant)
 * @param event "registered", "alias_set", "alias_moved", "alias_rolled_back", "alias_move_rejected"
 * @param alias "champion" or "challenger"; null for "registered"
 * @param version the version the event is about, e.g. "v2"
 * @param previousVersion the version the alias pointed at before; null if none
 * @param reason why, as recorded (e.g. the promotion's --reason)
 * @param runId the run that wrote it
 */
public record RegistryEvent(Instant time, String event, String alias, String version, String previousVersion,
    String reason, String runId) {

  /** A row read from the table. */
  static RegistryEvent fromRow(Row r) {
    java.sql.Timestamp t = r.getAs("event_time");
    return new RegistryEvent(t == null ? null : t.toInstant(), r.getAs("event"), r.getAs("alias"), r.getAs("version"),
        r.getAs("previous_version"), r.getAs("reason"), r.getAs("run_id"));
  }
}
