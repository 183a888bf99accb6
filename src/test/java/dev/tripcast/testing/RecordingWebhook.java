package dev.tripcast.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An alert webhook on a loopback port for tests whose jobs run in other JVMs: answers 204 to every
 * POST on {@code /hook} and records each request's {@code Idempotency-Key} header in order.
 */
public final class RecordingWebhook implements AutoCloseable {
  private final HttpServer server;
  private final List<String> keys = Collections.synchronizedList(new ArrayList<>());

  private RecordingWebhook(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  public static RecordingWebhook start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      RecordingWebhook hook = new RecordingWebhook(server);
      server.createContext("/hook", exchange -> {
        exchange.getRequestBody().readAllBytes();
        hook.keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
      return hook;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config line pointing {@code tripcast.monitoring.webhook.url} here. */
  public String configLine() {
    return "tripcast.monitoring.webhook.url = \"http://127.0.0.1:" + server.getAddress().getPort() + "/hook\"";
  }

  /** The {@code Idempotency-Key} of every request received so far, in arrival order. */
  public List<String> keys() {
    synchronized (keys) {
      return List.copyOf(keys);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
