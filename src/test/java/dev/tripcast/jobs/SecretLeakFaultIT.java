package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets never leak (docs/faults.md): every command runs in its own JVM ({@code train}; {@code nightly
 * --retrain always --html}, whose steps are {@code score}, {@code monitor} with its alert,
 * {@code retrain} and {@code report --html}; {@code backfill}; {@code evaluate}; {@code synth};
 * {@code models list}; {@code sql} over the runs table), with {@code --verbose}, with S3 credentials in the environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) and in
 * Spark's configuration ({@code -Dspark.hadoop.fs.s3a.access.key/secret.key}, as spark-submit
 * {@code --conf} sets them), and with the alert webhook's bearer secret
 * ({@code TRIPCAST_WEBHOOK_SECRET}). The webhook (a local HTTP server) must receive that secret in
 * its Authorization header, so it was really in use; then no secret may appear in any stdout or
 * stderr, in any file the runs wrote (Delta logs with their commit {@code userMetadata}, data
 * files, model folders and cards, the HTML report), nor in any row of any Delta table read back
 * (the runs table keeps the effective settings and arguments). After {@code train}, two sequences run
 * at once, on different tables' keys: {@code nightly} then {@code backfill} (both score 2021-03), and
 * {@code evaluate}, {@code synth} and {@code models list}; {@code sql} runs last. Part of
 * {@code make faults} for its length (seven JVMs).
 */
class SecretLeakFaultIT {
  private static final Duration LIMIT = Duration.ofMinutes(15);
  private static final int TRIPS = 30;
  private static final String S3_KEY_ID = "AKIALEAKCHECK7F3A";
  private static final String S3_SECRET = "leak-check-s3-secret-9c1e4b";
  private static final String S3_TOKEN = "leak-check-session-token-51d2";
  private static final String CONF_KEY_ID = "AKIALEAKCONF2B8E";
  private static final String CONF_SECRET = "leak-check-conf-secret-0a6f";
  private static final String WEBHOOK_SECRET = "leak-check-webhook-secret-e83c";
  private static final List<String> SECRETS = List.of(S3_KEY_ID, S3_SECRET, S3_TOKEN, CONF_KEY_ID, CONF_SECRET,
      WEBHOOK_SECRET);

  @TempDir Path work;

  @Test
  void noSecretReachesAnyOutputLogTableModelOrReport() throws Exception {
    Path data = Files.createDirectories(work.resolve("data"));
    TlcFiles files = new TlcFiles(data);
    for (String month : List.of("2021-01", "2021-02", "2021-03", "2021-04")) {
      files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
    }
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/alert", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    webhook.start();
    try {
      Path tables = work.resolve("tables");
      String config = TestConfig.write(work.resolve("it.conf"), data, tables, work.resolve("models"),
          "tripcast.model.feature-set = \"course\"",
          "tripcast.monitoring.webhook.url = \"http://127.0.0.1:" + webhook.getAddress().getPort() + "/alert\"",
          // a rule that always fires (the month's RMSE is at least 0 times the validation RMSE), so an alert is sent
          "tripcast.monitoring.rules = [{ name = \"always\", column = \"duration\", statistic = \"rmse_ratio\", "
              + "threshold = 0.0, level = \"WARN\" }]").toString();
      Map<String, String> env = Map.of(
          "AWS_ACCESS_KEY_ID", S3_KEY_ID, "AWS_SECRET_ACCESS_KEY", S3_SECRET, "AWS_SESSION_TOKEN", S3_TOKEN,
          "TRIPCAST_WEBHOOK_SECRET", WEBHOOK_SECRET,
          "TRIPCAST_JAVA_OPTS", "-Xmx2g -Dspark.hadoop.fs.s3a.access.key=" + CONF_KEY_ID
              + " -Dspark.hadoop.fs.s3a.secret.key=" + CONF_SECRET);

      List<Processes.Result> runs = new ArrayList<>();
      runs.add(run(env, "train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02", "--verbose",
          "--config", config));
      // Two sequences at once, each command in its own JVM (mostly start-up, which overlaps well):
      // the scoring commands, one after the other (both replace 2021-03), and the rest.
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        // one night: score, monitor (the alert), retrain (a challenger trained, compared, promoted or kept), report --html
        Future<List<Processes.Result>> scoring = pool.submit(() -> List.of(
            run(env, "nightly", "--taxi", "green", "--month", "2021-03", "--retrain", "always", "--html",
                work.resolve("report.html").toString(), "--verbose", "--config", config),
            run(env, "backfill", "--taxi", "green", "--from", "2021-03", "--to", "2021-04", "--verbose",
                "--config", config)));
        Future<List<Processes.Result>> others = pool.submit(() -> List.of(
            run(env, "evaluate", "--taxi", "green", "--train", "2021-01", "--horizon", "1", "--verbose",
                "--config", config),
            run(env, "synth", "--taxi", "green", "--from", "2021-01", "--month", "2031-01", "--rows", "100",
                "--out", work.resolve("synthetic").toString(), "--verbose", "--config", config),
            run(env, "models", "list", "--verbose", "--config", config)));
        runs.addAll(finished(scoring));
        runs.addAll(finished(others));
      } finally {
        pool.shutdownNow();
      }
      // last, so the runs table holds every run above
      Processes.Result sql = run(env, "sql", "SELECT * FROM runs;", "--max-rows", "1000", "--verbose",
          "--config", config);
      runs.add(sql);

      assertFalse(authorizations.isEmpty(), "the webhook was called");
      assertEquals(Set.of("Bearer " + WEBHOOK_SECRET), Set.copyOf(authorizations), "the webhook got the secret");
      for (String job : List.of("train", "score", "monitor", "retrain", "report", "nightly", "backfill", "evaluate",
          "synth", "models-list")) {
        assertTrue(sql.stdout().contains(job), "the runs table lists a " + job + " run:\n" + sql.stdout());
      }
      for (Processes.Result r : runs) {
        assertNoSecret("stdout and stderr of a run", r.stdout() + r.stderr());
      }
      try (Stream<Path> all = Files.walk(work)) {
        for (Path file : all.filter(Files::isRegularFile).toList()) {
          assertNoSecret(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
      try (Stream<Path> dirs = Files.list(tables)) {
        List<Path> written = dirs.toList();
        assertTrue(written.stream().map(p -> p.getFileName().toString()).toList().containsAll(
            List.of("scored_trips", "error_report", "data_quality", "runs")), written.toString());
        for (Path table : written) {
          List<String> rows = TestSpark.session().read().format("delta").load(table.toString()).toJSON().collectAsList();
          assertNoSecret("rows of " + table.getFileName(), String.join("\n", rows));
        }
      }
    } finally {
      webhook.stop(0);
    }
  }

  /** Runs {@code args} in its own JVM and checks that it exits 0. */
  private Processes.Result run(Map<String, String> env, String... args) {
    Processes.Result r = JobProcess.start(work, args[0] + "-" + Math.abs(List.of(args).hashCode()), env, args)
        .await(LIMIT);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.describe());
    return r;
  }

  /** The results of a sequence of runs, or its first failure (an assertion's own message). */
  private static List<Processes.Result> finished(Future<List<Processes.Result>> sequence) throws InterruptedException {
    try {
      return sequence.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new AssertionError(e.getCause());
    }
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), "a secret (" + secret + ") appears in " + where);
    }
  }
}
