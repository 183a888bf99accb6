package dev.tripcast.monitoring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A webhook on a loopback port that follows a script: down (nothing listens on its port) until
 * the first pause between two attempts, or up from the start; then it answers its scripted
 * statuses in order, the last one for every further request. It records every request it
 * answered, and every pause the client made ({@link #pause()}).
 */
final class ScriptedWebhook implements AutoCloseable {
  /**
   * One scripted answer.
   *
   * @param retryAfter the {@code Retry-After} header's value; null for none
   */
  record Answer(int status, String retryAfter) {
    static Answer of(int status) {
      return new Answer(status, null);
    }
  }

  /**
   * One request received.
   *
   * @param idempotencyKey its {@code Idempotency-Key} header
   * @param status what the script answered
   */
  record Received(String idempotencyKey, String authorization, String body, int status) {}

  private final int port;
  private final List<Answer> script;
  private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
  private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;

  private ScriptedWebhook(int port, List<Answer> script) {
    this.port = port;
    this.script = List.copyOf(script);
  }

  /** Up from the start, answering {@code script}. */
  static ScriptedWebhook up(Answer... script) {
    ScriptedWebhook hook = new ScriptedWebhook(freePort(), List.of(script));
    hook.start();
    return hook;
  }

  /** Down (a closed port) until the client's first pause, then answering {@code script}. */
  static ScriptedWebhook downFirst(Answer... script) {
    return new ScriptedWebhook(freePort(), List.of(script));
  }

  /** Down for good: nothing ever listens on the port (pauses do not start it). */
  static ScriptedWebhook neverUp() {
    return new ScriptedWebhook(freePort(), List.of());
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port + "/hook");
  }

  /** Real sleeps, recorded; the first starts the server if it is down and has a script. */
  AlertWebhook.Pause pause() {
    return wait -> {
      pauses.add(wait);
      synchronized (this) {
        if (server == null && !script.isEmpty()) {
          start();
        }
      }
      try {
        Thread.sleep(wait.toMillis());
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  List<Duration> pauses() {
    return List.copyOf(pauses);
  }

  private void start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hook", exchange -> {
      Answer answer;
      synchronized (received) {
        answer = script.get(Math.min(received.size(), script.size() - 1));
        received.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), answer.status()));
      }
      if (answer.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
      }
      exchange.sendResponseHeaders(answer.status(), -1);
      exchange.close();
    });
    server.start();
  }

  private static int freePort() {
    // a ServerSocket closes at once (an HttpServer never started keeps its port bound)
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
