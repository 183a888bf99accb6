package dev.tripcast.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An alert webhook on a loopback port: answers 204 to every POST on {@code /hook} and records each
 * request's {@code Idempotency-Key} header and body in order. {@link #close()} takes it down (its
 * port then refuses connections); {@link #restart()} brings it back on the same port, keeping what
 * it recorded.
 */
public final class RecordingWebhook implements AutoCloseable {
  private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private HttpServer server;
  private int port;

  private RecordingWebhook() {}

  /** Starts listening on a free port of 127.0.0.1. */
  public static RecordingWebhook start() {
    RecordingWebhook hook = new RecordingWebhook();
    hook.listen(0);
    return hook;
  }

  /** Listens again on the port it had, after {@link #close()}. */
  public void restart() {
    listen(port);
  }

  private void listen(int on) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
      server.createContext("/hook", exchange -> {
        synchronized (keys) {
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      server.start();
      port = server.getAddress().getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config line pointing {@code tripcast.monitoring.webhook.url} here. */
  public String configLine() {
    return "tripcast.monitoring.webhook.url = \"http://127.0.0.1:" + port + "/hook\"";
  }

  /** The body (the alert's JSON) of every request received so far, in arrival order. */
  public List<String> bodies() {
    synchronized (keys) {
      return List.copyOf(bodies);
    }
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
