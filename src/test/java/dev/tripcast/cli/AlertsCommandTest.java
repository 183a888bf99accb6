package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.monitoring.AlertOutbox;
import dev.tripcast.monitoring.AlertWebhook;
import dev.tripcast.monitoring.AlertsTable;
import dev.tripcast.monitoring.CheckRule;
import dev.tripcast.monitoring.Checks;
import dev.tripcast.monitoring.DriftMetric;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tripcast alerts retry} and {@code alerts list} on a warehouse holding one pending alert,
 * with a loopback webhook whose answer each test sets.
 */
class AlertsCommandTest {
  @TempDir Path work;
  private HttpServer webhook;
  private final AtomicInteger status = new AtomicInteger();
  private String config;
  private AlertsTable.Alert pending;

  @BeforeEach
  void onePendingAlertAndAWebhook() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hook", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    webhook.start();
    URI url = URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
    config = TestConfig.write(work.resolve("alerts.conf"), work.resolve("data"), work.resolve("tables"),
        work.resolve("models"), "tripcast.monitoring.webhook.url = \"" + url + "\"",
        "tripcast.monitoring.webhook.retry-budget = 1s", "tripcast.monitoring.webhook.retry-backoff = 100ms").toString();
    Warehouse warehouse = new Warehouse(TestSpark.session(), work.resolve("tables").toString(), LogStorePolicy.REFUSE);
    AlertOutbox outbox = new AlertOutbox(TestSpark.session(), warehouse,
        new AlertWebhook(url, Optional.empty(), Duration.ofSeconds(1), Duration.ofMillis(100)), Duration.ofSeconds(1));
    Checks.Outcome fired = new Checks.Outcome(new CheckRule("rmse-ratio", "*", "rmse_ratio", Optional.empty(),
        CheckRule.Level.ERROR, CheckRule.Action.RETRAIN), DriftMetric.PERFORMANCE, 2.1, 1.2, Checks.Status.ERROR);
    pending = outbox.record("green", "2021-04", "v1", List.of(fired), "monitor-1",
        Timestamp.from(Instant.parse("2021-05-01T02:00:00Z")), "{\"run_id\":\"monitor-1\"}");
  }

  @AfterEach
  void stopWebhook() {
    webhook.stop(0);
  }

  @Test
  void retryExitsElevenWhileTheWebhookKeepsFailing() {
    status.set(503);
    CliRun retry = CliRun.runWithSpark("alerts", "retry", "--config", config);
    assertEquals(ExitCode.ALERTS_UNDELIVERED.code(), retry.code(), retry.out() + retry.err());
    assertTrue(retry.out().contains("alerts: 1 attempted, 1 still pending"), retry.out());
    assertTrue(retry.out().contains("rmse-ratio"), retry.out());
    assertTrue(retry.out().contains(": HTTP 503 (" + pending.key().substring(0, 12) + ")"), retry.out());
  }

  @Test
  void retryDeliversAndListShowsWhen() {
    status.set(204);
    CliRun retry = CliRun.runWithSpark("alerts", "retry", "--config", config);
    assertEquals(0, retry.code(), retry.out() + retry.err());
    CliRun list = CliRun.runWithSpark("alerts", "list", "--config", config);
    assertEquals(0, list.code(), list.out() + list.err());
    assertTrue(list.out().contains("alerts: 0 pending, 1 delivered or refused"), list.out());
    assertTrue(list.out().contains("2021-05-01T02:00:00Z green 2021-04 v1 rmse-ratio"), list.out());
    assertTrue(list.out().contains("delivered at "), list.out());
    assertTrue(list.out().contains(" after 1 attempts (" + pending.key().substring(0, 12) + ")"), list.out());
  }
}
