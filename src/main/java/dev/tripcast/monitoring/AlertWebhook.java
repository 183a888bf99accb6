package dev.tripcast.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts one alert's JSON to a webhook (Slack, Teams or an incident tool behind a small adapter)
 * with the JDK's {@link HttpClient}, an {@code Idempotency-Key} header (the alert's key, so the
 * receiver can drop a duplicate) and retries. Delivery never throws: a failed alert must not fail
 * the monitoring that found it, so the caller gets a {@link Delivery} to record. The secret is sent
 * as {@code Authorization: Bearer …} and appears in no message.
 *
 * <p>Retry policy: a refused connection, a timeout, a 5xx or a 429 is retried after a pause of
 * {@code firstBackoff}, then twice, four times … as long (a 429's {@code Retry-After} seconds
 * instead, when given), until the deadline: no attempt starts, and no pause ends, after it. Any
 * 2xx is a delivery; any other answer (4xx but 429, 3xx) is final and not retried.
 *
 * <p>Body ({@link #body}): {@code {"taxi_type", "month", "model_version", "failing": [{"rule",
 * "level", "action", "column", "statistic", "value", "threshold"}]}}.
 */
public final class AlertWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Optional<String> secret;
  private final Duration timeout;
  private final Duration firstBackoff;
  private final Pause pause;

  /**
   * @param url where to POST, http or https
   * @param secret bearer token read from the environment by the caller, if any
   * @param timeout connect and response timeout of one attempt, e.g. 5 s (shortened to what is
   *     left before the deadline)
   * @param firstBackoff pause after the first failed attempt, e.g. 1 s; &gt; 0
   */
  public AlertWebhook(URI url, Optional<String> secret, Duration timeout, Duration firstBackoff) {
    this(url, secret, timeout, firstBackoff, AlertWebhook::sleep);
  }

  /** As the public constructor, with the pause between attempts made by {@code pause} (tests watch it). */
  AlertWebhook(URI url, Optional<String> secret, Duration timeout, Duration firstBackoff, Pause pause) {
    this.url = url;
    this.secret = secret;
    this.timeout = timeout;
    this.firstBackoff = firstBackoff;
    this.pause = pause;
  }

  /** Waits between two attempts. */
  @FunctionalInterface
  interface Pause {
    /** @return false if interrupted (the delivery stops, pending) */
    boolean sleep(Duration pause);
  }

  /**
   * What the attempts at one alert came to.
   *
   * @param outcome delivered (2xx), refused (a final answer) or pending (still failing at the deadline)
   * @param attempts requests sent (or tried: a refused connection counts), 0 if the deadline had passed
   * @param detail the last answer: "HTTP 204", "HTTP 400", "HTTP 500", "ConnectException",
   *     "timed out after PT5S", or "no time left in the retry budget"
   * @param lastFailure the last failed attempt's answer ("HTTP 429"); null if no attempt failed
   */
  public record Delivery(Outcome outcome, int attempts, String detail, String lastFailure) {
    /** Whether the webhook took the alert. */
    public boolean delivered() {
      return outcome == Outcome.DELIVERED;
    }
  }

  /** How a delivery ended; its name, in lower case, is the {@code alerts} table's status. */
  public enum Outcome {
    DELIVERED, REFUSED, PENDING
  }

  /**
   * POSTs {@code payload} with {@code Idempotency-Key: key}, retrying transient failures until
   * {@code deadline} (see the class comment).
   *
   * @param key the alert's stable key ({@link AlertsTable#key})
   * @param payload the JSON body
   * @param deadline no attempt starts after it
   */
  public Delivery post(String key, String payload, Instant deadline) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    Duration backoff = firstBackoff;
    String detail = "no time left in the retry budget";
    String failure = null;
    for (int attempt = 1; ; attempt++) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return new Delivery(Outcome.PENDING, attempt - 1, detail, failure);
      }
      Duration limit = left.compareTo(timeout) < 0 ? left : timeout;
      Optional<Duration> retryAfter = Optional.empty();
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(limit)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        secret.ifPresent(s -> request.header("Authorization", "Bearer " + s));
        HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        detail = "HTTP " + status;
        if (status / 100 == 2) {
          return new Delivery(Outcome.DELIVERED, attempt, detail, failure);
        }
        if (status != 429 && status / 100 != 5) {
          return new Delivery(Outcome.REFUSED, attempt, detail, detail);
        }
        retryAfter = response.headers().firstValue("Retry-After").flatMap(AlertWebhook::seconds);
      } catch (java.net.http.HttpTimeoutException e) {
        detail = "timed out after " + limit;
      } catch (IOException e) {
        detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Delivery(Outcome.PENDING, attempt, "interrupted", failure);
      }
      failure = detail;
      Duration wait = retryAfter.orElse(backoff);
      if (Instant.now().plus(wait).isAfter(deadline)) {
        return new Delivery(Outcome.PENDING, attempt, detail, failure);
      }
      if (!pause.sleep(wait)) {
        return new Delivery(Outcome.PENDING, attempt, "interrupted", failure);
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  /** A {@code Retry-After} in seconds; an HTTP date or garbage is ignored (the back-off applies). */
  static Optional<Duration> seconds(String retryAfter) {
    try {
      long s = Long.parseLong(retryAfter.trim());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The JSON body of a month's fired outcomes (only those whose rule fired). */
  public static String payload(String taxiType, String month, String modelVersion, List<Checks.Outcome> outcomes) {
    try {
      return JSON.writeValueAsString(body(taxiType, month, modelVersion,
          outcomes.stream().filter(Checks.Outcome::fired).toList()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
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
