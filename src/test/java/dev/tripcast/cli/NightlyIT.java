package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.RecordingWebhook;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly loop, closed: monitoring that acts, with no person in it. Five green months written
 * by the test (2,000 trips each, durations with 15 % noise): 2021-01..03 as usual, 2021-04 and
 * 2021-05 with every duration × 1.5 (traffic got slower). v1 trains on 2021-01 (validated on
 * 2021-02); retrain windows are one month; a webhook on a loopback HTTP server receives the alerts.
 *
 * <ul>
 *   <li>{@code score} of 2021-03 monitors the month it scored (drift_metrics, checks) and exits 0.
 *   <li>Night 2021-03 (unshifted): no rule fires, no retrain, no alert, exit 0.
 *   <li>Night 2021-04 (shifted), the webhook down (nothing listens on its port): the
 *       {@code rmse-ratio} and {@code duration-psi-major} rules (ERROR, RETRAIN) fire, the ratio as
 *       this test recomputes it from v1's predictions; the alerts of v1 and of the challenger stay
 *       pending in {@code alerts}; retrain promotes a challenger that could only learn from
 *       2021-03, so the month's durations still drift from what the served model learnt: exit 7.
 *   <li>Night 2021-05 (shifted), the webhook back: the night first delivers the two pending
 *       alerts, each once with its key as {@code Idempotency-Key}; the rule fires again; the
 *       challenger trained on 2021-04 (slower) wins and is promoted; the month is rescored with
 *       it and monitored against its own reference: nothing fires, exit 0.
 *   <li>Re-running night 2021-05 changes nothing: no new version, no retrain, the same
 *       scored_trips predictions and drift_metrics rows, no alert posted again.
 * </ul>
 */
class NightlyIT {
  private static final int TRIPS = 2000;
  private static final double SLOWER = 1.5;

  @TempDir Path work;
  private RecordingWebhook webhook;
  private String config;
  private Path tables;

  @BeforeEach
  void monthsConfigAndWebhook() throws IOException {
    webhook = RecordingWebhook.start();
    TlcFiles files = new TlcFiles(work.resolve("data"));
    String[] months = {"2021-01", "2021-02", "2021-03", "2021-04", "2021-05"};
    for (int i = 0; i < months.length; i++) {
      files.parquet(TlcLayout.GREEN_S2, months[i], SmallMonths.noisy(months[i], TRIPS, i < 3 ? 1.0 : SLOWER, 100 + i));
    }
    tables = work.resolve("tables");
    config = TestConfig.write(work.resolve("nightly.conf"), files.root(), tables, work.resolve("models"),
        "tripcast.model.feature-set = \"course\"",
        "tripcast.filters.drop-pickup-outside-month = false",
        "tripcast.lifecycle.train-window-months = 1",
        "tripcast.monitoring.after-score = true",
        webhook.configLine(),
        // A night with the webhook down spends at most this per delivery pass.
        "tripcast.monitoring.webhook.retry-budget = 2s")
        .toString();
  }

  @AfterEach
  void stopWebhook() {
    webhook.close();
  }

  @Test
  void driftFiresRetrainsPromotesAndTheNextMonitoringIsClean() throws IOException {
    ok(cli("train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02"));

    // score monitors what it scored, and its exit code stays the scoring's.
    CliRun score = cli("score", "--taxi", "green", "--month", "2021-03");
    ok(score);
    assertTrue(score.out().contains("monitored green 2021-03 (model v1)"), score.out());
    assertTrue(count("drift_metrics", "month = '2021-03' AND model_version = 'v1'") > 0);

    // An unshifted night: nothing fires, nothing retrains, nothing is posted.
    CliRun quiet = cli("nightly", "--taxi", "green", "--month", "2021-03");
    ok(quiet);
    // No maintain run yet: maintenance is due (tripcast.maintenance.every, 7 days), and runs last.
    assertTrue(quiet.out().contains("nightly green 2021-03: score 0 → monitor 0 → report 0 → maintain 0"), quiet.out());
    assertEquals(0, count("checks", "month = '2021-03' AND status IN ('warn', 'error')"), firedRules("2021-03"));
    assertEquals(List.of(), webhook.bodies());

    // The first slower night: performance breached and the target drifted; retrain cannot fix it yet.
    // The challenger, trained on the unslowed 2021-03, edges out v1 on the month (9.36 against 9.49
    // minutes) and is promoted; 2021-04 is its own validation month, so it is judged by drift alone,
    // and the durations still drift from what it learnt: exit 7.
    webhook.close(); // down for the night: its alerts wait in the outbox
    CliRun slower = cli("nightly", "--taxi", "green", "--month", "2021-04");
    assertEquals(ExitCode.DATA_DRIFT.code(), slower.code(), slower.out() + slower.err());
    assertEquals(List.of(), webhook.bodies());
    // v1's alert, then the challenger's (the same rules fire for it): both pending, v1's tried
    // (v2's may find the pass's 2 s budget spent on v1's retries).
    assertEquals(2, count("alerts", "month = '2021-04' AND status = 'pending' AND delivered_at IS NULL"));
    assertEquals(1, count("alerts", "month = '2021-04' AND model_version = 'v1' AND attempts > 0"
        + " AND last_error IS NOT NULL"));
    assertTrue(slower.out().contains("score 0 → monitor 8 → retrain 0 → score 0 → monitor 7 → report 0"), slower.out());
    assertTrue(slower.out().contains("retrain asked by duration-psi-major, rmse-ratio"), slower.out());
    Row ratio = table("checks").where("month = '2021-04' AND model_version = 'v1' AND rule = 'rmse-ratio'").first();
    assertEquals("error", ratio.getAs("status"));
    ok(cli("score", "--taxi", "green", "--month", "2021-04", "--model", "v2", "--shadow", "v1", "--no-monitor"));
    assertEquals(rmse("2021-04", "v1") / validRmse("v1"), ratio.<Double>getAs("value"), 1e-9);
    assertTrue(ratio.<Double>getAs("value") > 2, "durations x1.5 more than double the error: " + ratio);
    assertEquals(1, count("model_registry", "event = 'evaluated'"));

    // The second slower night, the webhook back: first the two pending alerts, each once.
    webhook.restart();
    CliRun fixed = cli("nightly", "--taxi", "green", "--month", "2021-05");
    ok(fixed);
    assertTrue(fixed.out().contains("nightly: 2 pending alerts attempted, 0 still pending"), fixed.out());
    List<Row> delivered = table("alerts").where("month = '2021-04' AND status = 'delivered' AND delivered_at IS NOT NULL")
        .orderBy("model_version").collectAsList();
    assertEquals(List.of("v1", "v2"), delivered.stream().map(r -> r.<String>getAs("model_version")).toList());
    // Oldest first, then the month's own alert (v2's rule fires again on 2021-05); no key twice.
    List<String> keys = webhook.keys();
    assertEquals(delivered.stream().map(r -> r.<String>getAs("alert_key")).toList(), keys.subList(0, 2));
    assertEquals(keys.size(), Set.copyOf(keys).size(), keys.toString());
    JsonNode alert = new ObjectMapper().readTree(webhook.bodies().get(0));
    assertEquals("2021-04", alert.get("month").asText());
    assertTrue(alert.get("failing").toString().contains("\"rmse-ratio\""), alert.toString());
    assertTrue(fixed.out().contains(" → retrain 0 → score 0 → monitor 0 → report 0"), fixed.out());
    assertTrue(fixed.out().contains("after           served by v3, champion v3, retrain asked by no rule"), fixed.out());
    assertEquals(0, count("checks", "month = '2021-05' AND model_version = 'v3' AND status IN ('warn', 'error')"),
        firedRules("2021-05"));
    assertTrue(reportedRmse("2021-05", "v3") < reportedRmse("2021-05", "v2") / 2, "v3 learnt the slower trips");

    // Re-running the night changes nothing.
    List<Row> trips = predictions("2021-05");
    List<Row> drift = table("drift_metrics").where("month = '2021-05'").orderBy("model_version", "granularity",
        "window", "column_name", "statistic", "compared_to").collectAsList();
    CliRun again = cli("nightly", "--taxi", "green", "--month", "2021-05");
    ok(again);
    assertTrue(again.out().contains("nightly green 2021-05: score 0 → monitor 0 → report 0"), again.out());
    assertEquals(3, count("model_registry", "event = 'registered'"));
    assertEquals(keys, webhook.keys(), "no alert posted again");
    assertEquals(trips, predictions("2021-05"));
    assertEquals(drift, table("drift_metrics").where("month = '2021-05'").orderBy("model_version", "granularity",
        "window", "column_name", "statistic", "compared_to").collectAsList());
    // Each step is its own run in the runs table: every monitor step the four nights printed.
    assertEquals(4, count("runs", "job = 'nightly'"));
    long monitorSteps = java.util.stream.Stream.of(quiet, slower, fixed, again)
        .mapToLong(r -> r.out().lines().filter(l -> l.startsWith("── monitor exited")).count()).sum();
    assertEquals(monitorSteps, count("runs", "job = 'monitor' AND status = 'succeeded'"));
    // Maintenance ran once: the later nights came within 7 days of it.
    assertEquals(1, count("runs", "job = 'maintain' AND status = 'succeeded'"));
    assertTrue(Stream.of(slower, fixed, again).noneMatch(r -> r.out().contains("maintain")), again.out());
  }

  private CliRun cli(String... args) {
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--config", config));
    return CliRun.runWithSpark(line.toArray(String[]::new));
  }

  private static void ok(CliRun run) {
    assertEquals(0, run.code(), run.out() + run.err());
  }

  private Dataset<Row> table(String name) {
    return TestSpark.session().read().format("delta").load(tables.resolve(name).toString());
  }

  private long count(String name, String where) {
    return table(name).where(where).count();
  }

  private String firedRules(String month) {
    return table("checks").where("month = '" + month + "' AND status IN ('warn', 'error')")
        .select("model_version", "rule", "value").collectAsList().toString();
  }

  /** The month's RMSE of {@code version}, recomputed from the trips it scored (scored_trips or shadow_trips). */
  private double rmse(String month, String version) {
    String where = "month = '" + month + "' AND model_version = '" + version + "'";
    Dataset<Row> trips = table("scored_trips").where(where);
    if (trips.isEmpty()) {
      trips = table("shadow_trips").where(where);
    }
    return trips.selectExpr("sqrt(avg(pow(actual_duration - predicted_duration, 2)))").first().getDouble(0);
  }

  /** The month's overall RMSE of {@code version} in error_report (retrain's evaluation writes both models'). */
  private double reportedRmse(String month, String version) {
    return table("error_report").where("month = '" + month + "' AND model_version = '" + version
        + "' AND dimension = 'overall'").select("rmse").first().getDouble(0);
  }

  /** The validation RMSE the registry recorded when {@code version} was registered. */
  private double validRmse(String version) {
    return table("model_registry").where("event = 'registered' AND version = '" + version + "'")
        .selectExpr("metrics['valid_rmse']").first().getDouble(0);
  }

  private List<Row> predictions(String month) {
    return table("scored_trips").where("month = '" + month + "'").orderBy("ride_id")
        .select("ride_id", "model_version", "predicted_duration").collectAsList();
  }
}
