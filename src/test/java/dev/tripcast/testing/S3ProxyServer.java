package dev.tripcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server on loopback for integration tests: S3Proxy
 * ({@code org.gaul:s3proxy}, jar-with-dependencies) with its filesystem backend, run in its own
 * JVM because its libraries (Jetty, jclouds, Guava) clash with Spark's.
 *
 * <p>It listens on {@code http://127.0.0.1:<free port>} only, checks AWS v2/v4 signatures against
 * {@link #ACCESS_KEY}/{@link #SECRET_KEY}, and keeps its buckets under {@code <workDir>/blobs}.
 * The jar's path comes from the {@code s3proxy.jar} system property, which the Failsafe
 * configuration sets to the copy maven-dependency-plugin makes at {@code pre-integration-test}.
 * {@link #close()} stops the process (forcibly after 10 s); a JVM shutdown hook does the same if
 * a test run is interrupted.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The test identity (AWS access key id) the server accepts. Not a real credential. */
  public static final String ACCESS_KEY = "tripcast-test-identity";
  /** The test credential (AWS secret key) the server accepts. Not a real credential. */
  public static final String SECRET_KEY = "tripcast-test-credential";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path workDir;
  private final int port;
  private final Path log;
  private final Thread killer;

  private S3ProxyServer(Process process, Path workDir, int port, Path log) {
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.log = log;
    this.killer = new Thread(process::destroyForcibly, "s3proxy-killer");
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /**
   * Starts S3Proxy and waits until its port accepts connections.
   *
   * @param workDir an empty folder for the server's blobs, properties and log
   * @return the running server
   * @throws IllegalStateException if the jar is missing, or the server exits or does not listen
   *     within 60 s (the message carries the end of its log)
   */
  public static S3ProxyServer start(Path workDir) {
    try {
      return start(workDir, freeLoopbackPort());
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for S3Proxy", e);
    }
  }

  /**
   * Starts a stopped server again on its port and its folder, as an object store coming back after
   * an outage: the buckets and objects written before are there.
   *
   * @return the new running server
   * @throws IllegalStateException if this one still runs, or as {@link #start(Path)}
   */
  public S3ProxyServer restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("S3Proxy on port " + port + " is still running");
    }
    return start(workDir, port);
  }

  /**
   * Kills the server at once (SIGKILL), as an outage: requests in flight are cut, new connections
   * are refused. Waits until the process is gone.
   */
  public void kill() {
    try {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static S3ProxyServer start(Path workDir, int port) {
    Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("S3Proxy jar not found at " + jar
          + " (run the tests through 'mvn verify', which copies it at pre-integration-test)");
    }
    try {
      Path blobs = Files.createDirectories(workDir.resolve("blobs"));
      Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n", List.of(
          "s3proxy.endpoint=http://127.0.0.1:" + port,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + blobs)) + "\n");
      Path log = workDir.resolve("s3proxy.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          "-jar", jar.toString(), "--properties", properties.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().put("LOG_LEVEL", "warn");
      S3ProxyServer server = new S3ProxyServer(pb.start(), workDir, port, log);
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy from " + jar, e);
    }
  }

  /**
   * Creates an empty bucket: with the filesystem backend a bucket is a folder under
   * {@code <workDir>/blobs}, which the server lists on every request. (No S3 client is needed, so
   * the tests that use it run on both Spark lines: hadoop-aws 3.3 ships the AWS SDK v1, 3.4 the v2.)
   *
   * @param name an S3 bucket name (lower case letters, digits, dashes)
   */
  public void createBucket(String name) {
    try {
      Files.createDirectories(workDir.resolve("blobs").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create bucket " + name + " under " + workDir, e);
    }
  }

  /** The server's endpoint URL, {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the server: SIGTERM, then SIGKILL if it is still running after 10 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killer);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or will run: nothing to remove
      }
    }
  }

  /** Whether the server process is still running (false after {@link #close()}). */
  public boolean isRunning() {
    return process.isAlive();
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited with code " + process.exitValue() + ": " + logTail());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException notYet) {
        sleep(100);
      }
    }
    close();
    throw new IllegalStateException("S3Proxy did not listen on 127.0.0.1:" + port + " within "
        + STARTUP_TIMEOUT.toSeconds() + " s: " + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
    }
  }
}
