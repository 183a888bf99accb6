package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AlertWebhook} against a real HTTP server on loopback started here, and against none. */
class AlertWebhookTest {
  static final List<Checks.Outcome> OUTCOMES = List.of(
      new Checks.Outcome(ChecksTest.rule("dataset-drift", "*", "drifted_column_share", null, CheckRule.Level.ERROR),
          DriftMetric.DATA_DRIFT, 0.6667, 0.5, Checks.Status.ERROR),
      new Checks.Outcome(ChecksTest.rule("bias", "duration", "bias_shift_minutes", null, CheckRule.Level.WARN),
          DriftMetric.PERFORMANCE, 0.2, 1.0, Checks.Status.OK));

  @Test
  void postsTheFailingRulesWithTheSecretAsBearer() throws Exception {
    List<String> bodies = new ArrayList<>();
    List<String> auth = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    try {
      AlertWebhook hook = new AlertWebhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
          Optional.of("s3cr3t"), Duration.ofSeconds(5));
      AlertWebhook.Delivery d = hook.send("green", "2021-03", "v1", OUTCOMES);
      assertEquals(new AlertWebhook.Delivery(true, "HTTP 200"), d);
      assertEquals(List.of("Bearer s3cr3t"), auth);
      JsonNode body = new ObjectMapper().readTree(bodies.get(0));
      assertEquals("2021-03", body.get("month").asText());
      assertEquals(1, body.get("failing").size(), "only fired rules are sent");
      assertEquals("dataset-drift", body.get("failing").get(0).get("rule").asText());
      assertEquals(0.6667, body.get("failing").get(0).get("value").asDouble(), 1e-12);
      assertFalse(d.detail().contains("s3cr3t"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aServerThatIsDownIsReportedNotThrown() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int port = server.getAddress().getPort();
    server.stop(0); // nothing listens on the port any more
    AlertWebhook.Delivery d = new AlertWebhook(URI.create("http://127.0.0.1:" + port + "/hook"), Optional.of("s3cr3t"),
        Duration.ofSeconds(2)).send("green", "2021-03", "v1", OUTCOMES);
    assertFalse(d.delivered());
    // refused at once, or (on a loaded machine) not answered within the timeout: either way reported
    assertTrue(d.detail().contains("ConnectException") || d.detail().startsWith("timed out"), d.detail());
    assertFalse(d.detail().contains("s3cr3t"));
  }

  @Test
  void aServerErrorIsNotADelivery() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.start();
    try {
      AlertWebhook.Delivery d = new AlertWebhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
          Optional.empty(), Duration.ofSeconds(5)).send("green", "2021-03", "v1", OUTCOMES);
      assertEquals(new AlertWebhook.Delivery(false, "HTTP 500"), d);
    } finally {
      server.stop(0);
    }
  }
}
