package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.monitoring.AlertsTable.Alert;
import dev.tripcast.monitoring.ScriptedWebhook.Answer;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AlertOutbox} on a real {@code alerts} Delta table in a temporary warehouse, delivering
 * to a real loopback server ({@link ScriptedWebhook}).
 */
class AlertOutboxTest {
  private static final String META = "{\"run_id\":\"test\"}";
  private static final Timestamp CREATED = Timestamp.from(Instant.parse("2021-04-02T03:00:00Z"));

  @TempDir Path dir;

  private AlertOutbox outbox(Warehouse warehouse, ScriptedWebhook hook, Duration budget) {
    AlertWebhook webhook = new AlertWebhook(hook.url(), Optional.empty(), Duration.ofSeconds(2), Duration.ofMillis(100),
        hook.pause());
    return new AlertOutbox(TestSpark.session(), warehouse, webhook, budget);
  }

  private Warehouse warehouse() {
    return new Warehouse(TestSpark.session(), dir.resolve("tables").toString(), LogStorePolicy.REFUSE);
  }

  private static Alert record(AlertOutbox outbox, String month) {
    return outbox.record("green", month, "v1", AlertWebhookTest.OUTCOMES, "monitor-1", CREATED, META);
  }

  @Test
  void aMonthRecordedTwiceWithTheSameFiredRulesIsOneRow() {
    Warehouse warehouse = warehouse();
    try (ScriptedWebhook hook = ScriptedWebhook.neverUp()) {
      AlertOutbox outbox = outbox(warehouse, hook, Duration.ofSeconds(1));
      Alert first = record(outbox, "2021-03");
      Alert again = outbox.record("green", "2021-03", "v1", AlertWebhookTest.OUTCOMES, "monitor-2",
          Timestamp.from(Instant.now()), META);
      assertEquals(first, again);
      assertEquals(AlertsTable.key("green", "2021-03", "v1", List.of("dataset-drift")), first.key());
      assertEquals(1, AlertOutbox.all(warehouse).size());
      assertEquals("monitor-1", AlertOutbox.all(warehouse).get(0).runId());
    }
  }

  @Test
  void downThen500Then429ThenNoContentDeliversOnceAndTheTableSaysWhen() {
    Warehouse warehouse = warehouse();
    try (ScriptedWebhook hook = ScriptedWebhook.downFirst(Answer.of(500), new Answer(429, "1"), Answer.of(204))) {
      AlertOutbox outbox = outbox(warehouse, hook, Duration.ofSeconds(30));
      Alert recorded = record(outbox, "2021-03");
      Instant before = Instant.now();
      AlertOutbox.Pass pass = outbox.deliverPending(outbox.deadline(), META);
      assertEquals(0, pass.pending());
      assertEquals(List.of(recorded.key()), pass.attempted().stream().map(Alert::key).toList());

      // a second pass and a re-run of the month send nothing more
      assertEquals(List.of(), outbox.deliverPending(outbox.deadline(), META).attempted());
      record(outbox, "2021-03");
      assertEquals(List.of(500, 429, 204), hook.received().stream().map(ScriptedWebhook.Received::status).toList());
      assertTrue(hook.received().stream().allMatch(r -> r.idempotencyKey().equals(recorded.key())));

      Alert row = AlertOutbox.all(warehouse).get(0);
      assertEquals("delivered", row.status());
      assertEquals(4, row.attempts());
      assertEquals("HTTP 429", row.lastError(), "the last failed attempt's answer");
      assertNotNull(row.deliveredAt());
      assertTrue(!row.deliveredAt().toInstant().isBefore(before.plusSeconds(1)), "after Retry-After's second");
      assertEquals(recorded.payload(), hook.received().get(2).body());
    }
  }

  @Test
  void aBadRequestIsRecordedAsRefusedAndNotRetried() {
    Warehouse warehouse = warehouse();
    try (ScriptedWebhook hook = ScriptedWebhook.up(Answer.of(400), Answer.of(204))) {
      AlertOutbox outbox = outbox(warehouse, hook, Duration.ofSeconds(30));
      record(outbox, "2021-03");
      assertEquals(0, outbox.deliverPending(outbox.deadline(), META).pending());
      assertEquals(List.of(), outbox.deliverPending(outbox.deadline(), META).attempted());
      Alert row = AlertOutbox.all(warehouse).get(0);
      assertEquals(List.of("refused", "HTTP 400"), List.of(row.status(), row.lastError()));
      assertEquals(1, row.attempts());
      assertNull(row.deliveredAt());
      assertEquals(1, hook.received().size());
    }
  }

  @Test
  void theBudgetEndsThePassWithTheOldestAlertTriedFirstAndAllStillPending() {
    Warehouse warehouse = warehouse();
    try (ScriptedWebhook hook = ScriptedWebhook.neverUp()) {
      AlertOutbox outbox = outbox(warehouse, hook, Duration.ofSeconds(1));
      Alert newer = outbox.record("green", "2021-04", "v1", AlertWebhookTest.OUTCOMES, "monitor-2",
          Timestamp.from(CREATED.toInstant().plusSeconds(86_400)), META);
      Alert older = record(outbox, "2021-03");
      List<Alert> pending = outbox.pending();
      AlertOutbox.Pass pass = outbox.deliver(pending, outbox.deadline(), META); // the budget starts after the read
      assertEquals(List.of(older.key(), newer.key()), pending.stream().map(Alert::key).toList());
      assertEquals(2, pass.pending());
      assertEquals(older.key(), pass.attempted().get(0).key());
      List<Alert> rows = AlertOutbox.all(warehouse);
      assertEquals(List.of("pending", "pending"), rows.stream().map(Alert::status).toList());
      // what the pass tried is what the table says: attempts and the refused connection
      assertEquals(pass.attempted().get(0), rows.get(0));
      assertTrue(rows.get(0).attempts() > 1, rows.get(0).toString());
      assertTrue(rows.get(0).lastError().contains("ConnectException"), rows.get(0).lastError());
      // pauses fit in the budget: they never add up to more than one second
      assertTrue(hook.pauses().stream().mapToLong(Duration::toMillis).sum() <= 1000, hook.pauses().toString());
    }
  }
}
