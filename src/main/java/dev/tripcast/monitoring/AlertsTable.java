package dev.tripcast.monitoring;

import dev.tripcast.tables.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code alerts} Delta table ({@link #TABLE}), not partitioned: the outbox of the alert
 * webhook, one row per fired alert, written before it is delivered ({@link AlertOutbox}).
 *
 * <pre>
 * alert_key      string     {@link #key}: SHA-256 (hex) of taxi type, month, model version, fired rules
 * taxi_type      string
 * month          string     "YYYY-MM"
 * model_version  string
 * rules          string     the fired rules' names, sorted, comma-separated
 * payload        string     the JSON body posted ({@link AlertWebhook#payload})
 * status         string     "pending" | "delivered" | "refused" (a final 4xx answer: not retried)
 * attempts       int        requests sent so far, over every delivery pass
 * last_error     string     the last failed attempt's answer ("HTTP 500", "ConnectException"); null if none
 * created_at     timestamp  when the monitoring run that fired it started (UTC instant)
 * delivered_at   timestamp  when the webhook took it (UTC instant); null until then
 * run_id         string     the monitoring run that wrote it
 * </pre>
 */
public final class AlertsTable {
  /** The table; a delivery pass replaces the rows of the keys it attempted. */
  public static final Table TABLE = Table.of("alerts", String.join(", ",
          "alert_key STRING", "taxi_type STRING", "month STRING", "model_version STRING", "rules STRING",
          "payload STRING", "status STRING", "attempts INT", "last_error STRING", "created_at TIMESTAMP",
          "delivered_at TIMESTAMP", "run_id STRING"),
      List.of(), List.of("alert_key"),
      "one fired alert of the webhook: its key, payload, delivery status, attempts and last error");

  /** {@code status} of an alert still to deliver. */
  public static final String PENDING = status(AlertWebhook.Outcome.PENDING);

  private AlertsTable() {}

  /**
   * One row of the table.
   *
   * @param createdAt UTC instant
   * @param lastError null if no attempt failed
   * @param deliveredAt UTC instant; null until delivered
   */
  public record Alert(String key, String taxiType, String month, String modelVersion, String rules, String payload,
      String status, int attempts, String lastError, Timestamp createdAt, Timestamp deliveredAt, String runId) {

    /** This alert after a delivery attempt made at {@code at}. */
    public Alert after(AlertWebhook.Delivery d, Timestamp at) {
      return new Alert(key, taxiType, month, modelVersion, rules, payload, AlertsTable.status(d.outcome()),
          attempts + d.attempts(), d.lastFailure() == null ? lastError : d.lastFailure(), createdAt,
          d.delivered() ? at : deliveredAt,
          runId);
    }

    static Alert of(Row r) {
      return new Alert(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
          r.getString(6), r.getInt(7), r.getString(8), r.getTimestamp(9), r.getTimestamp(10), r.getString(11));
    }

    Row row() {
      return RowFactory.create(key, taxiType, month, modelVersion, rules, payload, status, attempts, lastError,
          createdAt, deliveredAt, runId);
    }
  }

  /**
   * The stable key of a month's alert: the same taxi type, month, model version and set of fired
   * rules give the same key in every run (the receiver's {@code Idempotency-Key}).
   *
   * @param firedRules the fired rules' names, in any order
   * @return 64 lower-case hex digits
   */
  public static String key(String taxiType, String month, String modelVersion, List<String> firedRules) {
    String text = String.join("\n", taxiType, month, modelVersion, rules(firedRules));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The sorted, comma-separated rule names ({@code rules} column). */
  static String rules(List<String> firedRules) {
    return String.join(",", firedRules.stream().sorted().toList());
  }

  static String status(AlertWebhook.Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT);
  }

  /** The table rows of {@code alerts}; a tiny local Dataset. */
  static Dataset<Row> rows(SparkSession spark, List<Alert> alerts) {
    return spark.createDataFrame(alerts.stream().map(Alert::row).toList(), TABLE.schema());
  }
}
