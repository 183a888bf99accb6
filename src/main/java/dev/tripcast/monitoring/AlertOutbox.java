package dev.tripcast.monitoring;

import static org.apache.spark.sql.functions.col;

import dev.tripcast.monitoring.AlertsTable.Alert;
import dev.tripcast.tables.Warehouse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert outbox: a month's fired rules are first written to {@code alerts}
 * ({@link #record}, once per key whatever the re-runs), then delivered by passes over the pending
 * rows ({@link #deliverPending}), oldest first, each pass bounded by a time budget and written back
 * in one commit. The receiver gets each key with its {@code Idempotency-Key} header and can drop
 * the duplicate a crash between a delivery and its commit would cause.
 */
public final class AlertOutbox {
  private static final Logger LOG = LoggerFactory.getLogger(AlertOutbox.class);

  private final SparkSession spark;
  private final Warehouse warehouse;
  private final AlertWebhook webhook;
  private final Duration budget;

  /**
   * @param webhook where alerts go
   * @param budget the longest a delivery pass may take, retries and pauses included, e.g. 30 s
   */
  public AlertOutbox(SparkSession spark, Warehouse warehouse, AlertWebhook webhook, Duration budget) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.webhook = webhook;
    this.budget = budget;
  }

  /**
   * What one delivery pass did.
   *
   * @param attempted the rows it tried, after their attempts, oldest first
   * @param pending rows still pending after the pass (attempted or not: the budget ran out)
   * @param version the {@code alerts} version of the pass's commit; empty if it attempted nothing
   */
  public record Pass(List<Alert> attempted, int pending, Optional<Long> version) {
    /** The outcome of one key in this pass, if it was attempted. */
    public Optional<Alert> of(String key) {
      return attempted.stream().filter(a -> a.key().equals(key)).findFirst();
    }
  }

  /**
   * Writes the alert of a month's fired rules as a pending row, unless a row with its key exists
   * (a re-run of the month with the same fired rules, delivered or not).
   *
   * @param outcomes the month's outcomes; at least one fired
   * @return the key's row, as written or as found
   * @throws IllegalArgumentException if no outcome fired
   * @throws dev.tripcast.tables.ConcurrentTableChangeException if another run wrote the same key
   *     at the same moment (Delta's conflict check on the replaced key); nothing was written
   */
  public Alert record(String taxiType, String month, String modelVersion, List<Checks.Outcome> outcomes,
      String runId, Timestamp createdAt, String userMetadata) {
    List<String> fired = outcomes.stream().filter(Checks.Outcome::fired).map(o -> o.rule().name()).toList();
    if (fired.isEmpty()) {
      throw new IllegalArgumentException("no rule fired on " + taxiType + " " + month + ": nothing to alert");
    }
    String key = AlertsTable.key(taxiType, month, modelVersion, fired);
    Optional<Alert> existing = find(key);
    if (existing.isPresent()) {
      LOG.info("alert {} of {} {} already recorded ({})", key, taxiType, month, existing.get().status());
      return existing.get();
    }
    Alert alert = new Alert(key, taxiType, month, modelVersion, AlertsTable.rules(fired),
        AlertWebhook.payload(taxiType, month, modelVersion, outcomes), AlertsTable.PENDING, 0, null, createdAt, null,
        runId);
    warehouse.replace(AlertsTable.TABLE.key(key), AlertsTable.rows(spark, List.of(alert)), userMetadata);
    return alert;
  }

  /** When a pass starting now must end: now plus the retry budget. */
  public Instant deadline() {
    return Instant.now().plus(budget);
  }

  /**
   * Delivers the pending rows, oldest first, until they are done or the deadline passes (the rows
   * left wait for the next pass), and writes the attempted rows back in one commit.
   *
   * @param deadline no attempt starts after it ({@link #deadline()}, or a run's earlier one)
   *
   * @throws dev.tripcast.tables.ConcurrentTableChangeException if another run's commit to the
   *     same keys won; the webhook may then have had a key twice (it carries the same
   *     {@code Idempotency-Key})
   */
  public Pass deliverPending(Instant deadline, String userMetadata) {
    return deliver(pending(), deadline, userMetadata);
  }

  /**
   * {@link #deliverPending} of rows already read.
   *
   * @param pending rows of {@link #pending()}, in the order to try them
   */
  public Pass deliver(List<Alert> pending, Instant deadline, String userMetadata) {
    List<Alert> attempted = new ArrayList<>();
    for (Alert alert : pending) {
      AlertWebhook.Delivery d = webhook.post(alert.key(), alert.payload(), deadline);
      if (d.attempts() == 0) {
        break; // the budget is spent: the rest wait for the next pass
      }
      Alert after = alert.after(d, Timestamp.from(Instant.now()));
      LOG.info("alert {} of {} {}: {} after {} attempts ({})", alert.key(), alert.taxiType(), alert.month(),
          after.status(), d.attempts(), d.detail());
      attempted.add(after);
    }
    Optional<Long> version = Optional.empty();
    if (!attempted.isEmpty()) {
      version = Optional.of(warehouse.replace(AlertsTable.TABLE.key(attempted.stream().map(Alert::key).toList()),
          AlertsTable.rows(spark, attempted), userMetadata).version());
    }
    long left = pending.size() - attempted.stream().filter(a -> !a.status().equals(AlertsTable.PENDING)).count();
    return new Pass(List.copyOf(attempted), (int) left, version);
  }

  /** The undelivered, not refused rows, oldest first. */
  public List<Alert> pending() {
    return read(col("status").equalTo(AlertsTable.PENDING));
  }

  /** Every row, oldest first (the table is small: one row per fired month). */
  public static List<Alert> all(Warehouse warehouse) {
    return warehouse.readAll(AlertsTable.TABLE).map(AlertOutbox::collect).orElse(List.of());
  }

  private Optional<Alert> find(String key) {
    return read(col("alert_key").equalTo(key)).stream().findFirst();
  }

  private List<Alert> read(org.apache.spark.sql.Column where) {
    return warehouse.readAll(AlertsTable.TABLE).map(rows -> collect(rows.where(where))).orElse(List.of());
  }

  /** Sorted on the driver, not by Spark: a sort of a few rows would cost a range-partitioning job. */
  private static List<Alert> collect(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Alert::of)
        .sorted(Comparator.comparing(Alert::createdAt).thenComparing(Alert::key)).toList();
  }
}
