package dev.tripcast.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a month's fired rules as one JSON POST to a webhook (Slack, Teams or an incident tool
 * behind a small adapter), with the JDK's {@link HttpClient} and a timeout. Delivery never throws:
 * a failed alert must not fail the monitoring that found it, so the caller gets a {@link Delivery}
 * to report. The secret is sent as {@code Authorization: Bearer …} and appears in no message.
 *
 * <p>Body: {@code {"taxi_type", "month", "model_version", "failing": [{"rule", "level", "action",
 * "column", "statistic", "value", "threshold"}]}}.
 */
public final class AlertWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Optional<String> secret;
  private final Duration timeout;

  /**
   * @param url where to POST, http or https
   * @param secret bearer token read from the environment by the caller, if any
   * @param timeout connect and response timeout, e.g. 5 s
   */
  public AlertWebhook(URI url, Optional<String> secret, Duration timeout) {
    this.url = url;
    this.secret = secret;
    this.timeout = timeout;
  }

  /**
   * Whether an alert reached the webhook.
   *
   * @param delivered true if the server answered 2xx
   * @param detail "HTTP 200", or why not ("connection refused", "HTTP 500", "timed out after PT5S")
   */
  public record Delivery(boolean delivered, String detail) {}

  /** Posts the fired outcomes of a month (nothing is sent, and "nothing to send" returned, if none fired). */
  public Delivery send(String taxiType, String month, String modelVersion, List<Checks.Outcome> outcomes) {
    List<Checks.Outcome> fired = outcomes.stream().filter(Checks.Outcome::fired).toList();
    if (fired.isEmpty()) {
      return new Delivery(false, "nothing to send");
    }
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(taxiType, month, modelVersion, fired))));
      secret.ifPresent(s -> request.header("Authorization", "Bearer " + s));
      HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      return new Delivery(status / 100 == 2, "HTTP " + status);
    } catch (java.net.http.HttpTimeoutException e) {
      return new Delivery(false, "timed out after " + timeout);
    } catch (IOException e) {
      return new Delivery(false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Delivery(false, "interrupted");
    }
  }

  static Map<String, Object> body(String taxiType, String month, String modelVersion, List<Checks.Outcome> fired) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("taxi_type", taxiType);
    body.put("month", month);
    body.put("model_version", modelVersion);
    body.put("failing", fired.stream().map(o -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rule", o.rule().name());
      m.put("level", o.rule().level().name());
      m.put("action", o.rule().action().name());
      m.put("column", o.rule().column());
      m.put("statistic", o.rule().statistic());
      m.put("value", o.value());
      m.put("threshold", o.threshold());
      return m;
    }).toList());
    return body;
  }
}
