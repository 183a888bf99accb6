package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.monitoring.AlertWebhook.Delivery;
import dev.tripcast.monitoring.AlertWebhook.Outcome;
import dev.tripcast.monitoring.ScriptedWebhook.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AlertWebhook} against a real HTTP server on loopback ({@link ScriptedWebhook}), and against none. */
class AlertWebhookTest {
  static final List<Checks.Outcome> OUTCOMES = List.of(
      new Checks.Outcome(ChecksTest.rule("dataset-drift", "*", "drifted_column_share", null, CheckRule.Level.ERROR),
          DriftMetric.DATA_DRIFT, 0.6667, 0.5, Checks.Status.ERROR),
      new Checks.Outcome(ChecksTest.rule("bias", "duration", "bias_shift_minutes", null, CheckRule.Level.WARN),
          DriftMetric.PERFORMANCE, 0.2, 1.0, Checks.Status.OK));
  static final String PAYLOAD = AlertWebhook.payload("green", "2021-03", "v1", OUTCOMES);
  static final Duration BACKOFF = Duration.ofMillis(100);

  private static AlertWebhook webhook(ScriptedWebhook hook, Optional<String> secret) {
    return new AlertWebhook(hook.url(), secret, Duration.ofSeconds(5), BACKOFF, hook.pause());
  }

  private static Instant in(Duration budget) {
    return Instant.now().plus(budget);
  }

  @Test
  void postsTheFailingRulesWithTheKeyAndTheSecretAsBearer() throws Exception {
    try (ScriptedWebhook hook = ScriptedWebhook.up(Answer.of(200))) {
      Delivery d = webhook(hook, Optional.of("s3cr3t")).post("k1", PAYLOAD, in(Duration.ofSeconds(10)));
      assertEquals(new Delivery(Outcome.DELIVERED, 1, "HTTP 200", null), d);
      ScriptedWebhook.Received r = hook.received().get(0);
      assertEquals("Bearer s3cr3t", r.authorization());
      assertEquals("k1", r.idempotencyKey());
      JsonNode body = new ObjectMapper().readTree(r.body());
      assertEquals("2021-03", body.get("month").asText());
      assertEquals(1, body.get("failing").size(), "only fired rules are sent");
      assertEquals("dataset-drift", body.get("failing").get(0).get("rule").asText());
      assertEquals(0.6667, body.get("failing").get(0).get("value").asDouble(), 1e-12);
    }
  }

  @Test
  void downThen500Then429ThenNoContentIsDeliveredOnceOnTheFourthAttempt() {
    try (ScriptedWebhook hook = ScriptedWebhook.downFirst(Answer.of(500), new Answer(429, "1"), Answer.of(204))) {
      Delivery d = webhook(hook, Optional.empty()).post("k1", PAYLOAD, in(Duration.ofSeconds(30)));
      assertEquals(new Delivery(Outcome.DELIVERED, 4, "HTTP 204", "HTTP 429"), d);
      assertEquals(List.of(500, 429, 204), hook.received().stream().map(ScriptedWebhook.Received::status).toList());
      assertEquals(List.of("k1", "k1", "k1"), hook.received().stream().map(ScriptedWebhook.Received::idempotencyKey)
          .toList());
      // back-off 100 ms after the refused connection, doubled after the 500, then the 429's Retry-After
      assertEquals(List.of(BACKOFF, BACKOFF.multipliedBy(2), Duration.ofSeconds(1)), hook.pauses());
    }
  }

  @Test
  void aBadRequestIsFinalAndNotRetried() {
    try (ScriptedWebhook hook = ScriptedWebhook.up(Answer.of(400), Answer.of(204))) {
      Delivery d = webhook(hook, Optional.empty()).post("k1", PAYLOAD, in(Duration.ofSeconds(30)));
      assertEquals(new Delivery(Outcome.REFUSED, 1, "HTTP 400", "HTTP 400"), d);
      assertEquals(1, hook.received().size());
      assertEquals(List.of(), hook.pauses());
    }
  }

  @Test
  void theBudgetBoundsTheTimeSpentOnAServerThatStaysDown() {
    try (ScriptedWebhook hook = ScriptedWebhook.neverUp()) {
      Duration budget = Duration.ofMillis(1500);
      long started = System.nanoTime();
      Delivery d = webhook(hook, Optional.of("s3cr3t")).post("k1", PAYLOAD, in(budget));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertEquals(Outcome.PENDING, d.outcome());
      // 100 + 200 + 400 ms of pauses fit in 1.5 s, the next 800 ms would not: at most 4 attempts
      // (fewer when connecting is slow), each after the pause before it doubled
      assertTrue(d.attempts() >= 2 && d.attempts() <= 4, d.toString());
      assertEquals(List.of(100L, 200L, 400L).subList(0, d.attempts() - 1),
          hook.pauses().stream().map(Duration::toMillis).toList());
      assertTrue(took.compareTo(budget) <= 0, "took " + took);
      assertTrue(d.detail().contains("ConnectException") || d.detail().startsWith("timed out"), d.detail());
      assertFalse(d.detail().contains("s3cr3t"));
    }
  }

  @Test
  void noAttemptStartsOnceTheDeadlineHasPassed() {
    try (ScriptedWebhook hook = ScriptedWebhook.up(Answer.of(204))) {
      Delivery d = webhook(hook, Optional.empty()).post("k1", PAYLOAD, Instant.now().minusSeconds(1));
      assertEquals(new Delivery(Outcome.PENDING, 0, "no time left in the retry budget", null), d);
      assertEquals(List.of(), hook.received());
    }
  }

  @Test
  void retryAfterIsReadInSecondsOnly() {
    assertEquals(Optional.of(Duration.ofSeconds(3)), AlertWebhook.seconds(" 3 "));
    assertEquals(Optional.empty(), AlertWebhook.seconds("Wed, 21 Oct 2015 07:28:00 GMT"));
    assertEquals(Optional.empty(), AlertWebhook.seconds("-1"));
  }
}
