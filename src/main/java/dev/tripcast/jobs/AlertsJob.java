package dev.tripcast.jobs;

import dev.tripcast.config.InvalidConfigValueException;
import dev.tripcast.monitoring.AlertOutbox;
import dev.tripcast.monitoring.AlertWebhook;
import dev.tripcast.monitoring.AlertsTable;
import dev.tripcast.monitoring.AlertsTable.Alert;
import dev.tripcast.monitoring.MonitoringParams;
import dev.tripcast.tables.RunMetadata;
import java.util.List;
import java.util.Optional;

/**
 * The alert outbox ({@code alerts}) as jobs see it: the outbox of the configured webhook, the
 * listing of {@code tripcast alerts list} and the delivery pass of {@code tripcast alerts retry}
 * (which {@code monitor} and {@code nightly} also make before anything else).
 */
public final class AlertsJob {
  private AlertsJob() {}

  /**
   * Every row of {@code alerts}, oldest first.
   *
   * @param alerts the rows
   */
  public record Listing(List<Alert> alerts) {
    /** The rows still to deliver. */
    public List<Alert> pending() {
      return alerts.stream().filter(a -> a.status().equals(AlertsTable.PENDING)).toList();
    }
  }

  /** Lists {@code alerts} (empty if the table does not exist). */
  public static Listing list(RunContext context) {
    context.warehouse().check(AlertsTable.TABLE);
    return new Listing(AlertOutbox.all(context.warehouse()));
  }

  /**
   * Delivers the pending alerts now, within {@code retry-budget}.
   *
   * @throws InvalidConfigValueException (exit 2) if no webhook is configured; nothing was sent
   */
  public static AlertOutbox.Pass retry(RunContext context) {
    context.warehouse().check(AlertsTable.TABLE);
    AlertOutbox outbox = outbox(context).orElseThrow(() -> new InvalidConfigValueException(
        "tripcast.monitoring.webhook.url", "is empty: there is no webhook to deliver the pending alerts to"));
    return deliverNow(outbox, context);
  }

  /**
   * The delivery pass a run makes before its own work: empty if no webhook is configured.
   */
  static Optional<AlertOutbox.Pass> deliverPending(RunContext context) {
    Optional<AlertOutbox> outbox = outbox(context);
    outbox.ifPresent(o -> context.warehouse().check(AlertsTable.TABLE));
    return outbox.map(o -> deliverNow(o, context));
  }

  /** One pass over the pending rows, its budget counted from when they are read. */
  private static AlertOutbox.Pass deliverNow(AlertOutbox outbox, RunContext context) {
    List<Alert> pending = outbox.pending();
    return outbox.deliver(pending, outbox.deadline(), metadata(context));
  }

  /** The outbox of the configured webhook, its secret read from the environment; empty without a webhook. */
  static Optional<AlertOutbox> outbox(RunContext context) {
    return context.settings().monitoring().webhook().map(w -> new AlertOutbox(context.spark(), context.warehouse(),
        webhook(w), w.retryBudget()));
  }

  private static AlertWebhook webhook(MonitoringParams.Webhook w) {
    return new AlertWebhook(w.url(), Optional.ofNullable(System.getenv(w.secretEnv())).filter(v -> !v.isBlank()),
        w.timeout(), w.firstBackoff());
  }

  private static String metadata(RunContext context) {
    return RunMetadata.json(context.run().id(), context.run().job(), null);
  }
}
