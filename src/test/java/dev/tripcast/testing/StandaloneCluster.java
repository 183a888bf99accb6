package dev.tripcast.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster for integration tests: one {@code Master} and one
 * {@code Worker}, each a child JVM started from the Maven-resolved Spark jars with the Java 17
 * flags, everything bound to 127.0.0.1 on free ports ({@code SPARK_LOCAL_IP}). The worker launches
 * executors as its own child JVMs from a minimal {@code SPARK_HOME} ({@link Packaged#sparkHome}).
 *
 * <p>{@link #close()} kills the worker, the master and every process they started (executors),
 * whatever state they are in; a shutdown hook does the same if the test JVM is stopped first.
 * Logs: {@code <dir>/master.log}, {@code <dir>/worker.log}, executors under {@code <dir>/work/}.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::killAll, "stop-spark-standalone-cluster");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private int masterPort;
  private int masterWebPort;

  private StandaloneCluster(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts a master and one worker and waits until the worker has registered.
   *
   * @param dir folder for logs, the worker's work dir and Spark's scratch space
   * @param workerCores cores the worker offers (executors take them all by default)
   * @param workerMemory memory the worker offers, Spark notation ("1536m"); must hold one executor
   * @throws AssertionError if the worker is not registered within 90 s (both are stopped; the
   *     message holds the log tails)
   */
  public static StandaloneCluster start(Path dir, int workerCores, String workerMemory) {
    StandaloneCluster cluster = new StandaloneCluster(dir);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startAll(workerCores, workerMemory);
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:<port>}, for {@code --master}. */
  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /** The master's JSON status ({@code /json/}): workers, active and completed applications. */
  public String masterJson() {
    return get("/json/").orElseThrow(() -> new AssertionError("master web UI not answering; " + logTails()));
  }

  /** The folder under which executors ran: {@code <app id>/<executor id>/} with stdout, stderr and fetched jars. */
  public Path workerWorkDir() {
    return dir.resolve("work");
  }

  /** Environment for a process that talks to this cluster: loopback only. */
  public static Map<String, String> loopbackEnv() {
    return Map.of("SPARK_LOCAL_IP", LOOPBACK);
  }

  private void startAll(int workerCores, String workerMemory) {
    try {
      Files.createDirectories(dir);
      Path sparkHome = Packaged.sparkHome(dir.resolve("spark-home"));
      masterPort = freePort();
      masterWebPort = freePort();
      processes.add(spawn("master", Map.of(), "org.apache.spark.deploy.master.Master",
          "--host", LOOPBACK, "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterWebPort)));
      awaitAliveWorkers(0);
      processes.add(spawn("worker", Map.of(
              "SPARK_HOME", sparkHome.toString(),
              "SPARK_SCALA_VERSION", "2.12",
              "SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve("local")).toString()),
          "org.apache.spark.deploy.worker.Worker",
          "--host", LOOPBACK, "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
          "--cores", String.valueOf(workerCores), "--memory", workerMemory,
          "--work-dir", Files.createDirectories(workerWorkDir()).toString(), masterUrl()));
      awaitAliveWorkers(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process spawn(String name, Map<String, String> env, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Packaged.java(), "-Xmx256m"));
    cmd.addAll(Packaged.java17Opens());
    cmd.addAll(List.of("-cp", Packaged.sparkClasspath(), mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().putAll(loopbackEnv());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Polls the master's JSON UI until it reports at least {@code n} alive workers (0: until it answers). */
  private void awaitAliveWorkers(int n) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new AssertionError("a cluster process exited with " + p.exitValue() + "; " + logTails());
        }
      }
      Matcher m = ALIVE_WORKERS.matcher(get("/json/").orElse(""));
      if (m.find() && Integer.parseInt(m.group(1)) >= n) {
        return;
      }
      sleep(Duration.ofMillis(300));
    }
    throw new AssertionError("cluster not up after " + START_TIMEOUT + " (waiting for " + n + " alive workers); " + logTails());
  }

  private java.util.Optional<String> get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterWebPort + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? java.util.Optional.of(r.body()) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The last lines of the master and worker logs, for failure messages. */
  public String logTails() {
    StringBuilder b = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      Path log = dir.resolve(name + ".log");
      try {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log)");
        b.append("\n--- ").append(log).append(" (last 15 lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
      } catch (IOException e) {
        b.append("\n--- ").append(log).append(": ").append(e);
      }
    }
    return b.toString();
  }

  /** Kills worker (with its executors) and master; safe to call twice. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running or has run
    }
  }

  private synchronized void killAll() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Processes.killTree(processes.get(i).toHandle());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return s.getLocalPort();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
