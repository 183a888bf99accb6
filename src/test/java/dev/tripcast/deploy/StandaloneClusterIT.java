package dev.tripcast.deploy;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.scoring.ScoredTrips;
import dev.tripcast.testing.ErrorReportRows;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.StandaloneCluster;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tripcast on a real Spark standalone cluster: a master and one worker (2 cores) started from the
 * Maven-resolved Spark jars on 127.0.0.1, and {@code score} (green 2021-02) submitted through
 * {@code jobs/tripcast-submit --master spark://…} with the packaged jar and no SPARK_HOME (the
 * laptop path: Spark's SparkSubmit on plain java, driver in client mode, executors on the worker).
 * The model it scores with is the {@link LocalReference} v1 (trained in local mode on 2021-01),
 * its version folder copied into a registry of its own with no {@code model_registry} table, so
 * the cluster run also records the first champion. The Delta tables must match the local-mode
 * score of the same month with the same model: same rows, predictions within 1e-9. This is also
 * the test of the packaged jar itself: the driver and the executors load tripcast, Delta and
 * Typesafe Config from {@code target/tripcast.jar}, not from the test class path. Training is not
 * submitted: what the cluster adds (the jar shipped to executors on the worker, figures that do
 * not depend on where rows are computed) the score shows, and a second spark-submit would double
 * the class's time.
 */
class StandaloneClusterIT {
  private static final double TOLERANCE = 1e-9;
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);

  @TempDir static Path work;
  private static LocalReference local;
  private static StandaloneCluster cluster;
  private static Path out;
  private static Processes.Result score;
  private static String masterJson;

  @BeforeAll
  static void scoreOnTheCluster() throws IOException {
    local = LocalReference.get();
    out = work.resolve("out");
    Path config = Files.writeString(work.resolve("cluster-it.conf"), String.join("\n",
        "tripcast.paths.data-root = " + ConfigUtil.quoteString(TestSettings.realDataRoot().toString()),
        "tripcast.paths.warehouse-root = " + ConfigUtil.quoteString(out.resolve("tables").toString()),
        "tripcast.paths.model-root = " + ConfigUtil.quoteString(out.resolve("models").toString()),
        "# The local reference's feature set.",
        "tripcast.model.feature-set = \"" + local.settings().model().featureSet().id() + "\"",
        "# The local reference's score does not monitor either: monitoring is not what this test is about.",
        "tripcast.monitoring.after-score = false",
        "# The local reference's session settings: same shuffle layout, so the same summation order.",
        "tripcast.spark.conf {",
        "  \"spark.sql.shuffle.partitions\" = \"2\"",
        "  \"spark.default.parallelism\" = \"2\"",
        "  \"spark.databricks.delta.snapshotPartitions\" = \"2\"",
        "  \"spark.ui.enabled\" = \"false\"",
        "}", ""));
    // v1's version folder only: no model_registry table, so no champion yet.
    LocalReference.copyTree(Path.of(local.modelRoot()), out.resolve("models"));
    cluster = StandaloneCluster.start(work.resolve("cluster"), 2, "1536m");
    score = submit(config, "score", "--taxi", "green", "--month", "2021-02");
    masterJson = cluster.masterJson();
    System.out.printf("[timing] green 2021-02: cluster score %.1f s (a spark-submit: JVM, SparkContext and executor"
        + " start included); local mode in the warm test session: score %.1f s%n", seconds(score.took()),
        seconds(local.scoreTime()));
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theScoreSucceedsAndPrintsItsSummary() {
    assertEquals(0, score.exitCode(), score.describe() + cluster.logTails());
    // A new registry has no champion: the first score promotes v1 and says so before its summary.
    assertTrue(score.stdout().startsWith("note: model trip-duration had no champion: promoted v1 (its first trained"
        + " version) to @champion;"), score.stdout());
    assertTrue(score.stdout().contains("\nscored 2021-02 with model v1\n"), score.stdout());
    assertTrue(score.stdout().contains("read 64572, kept 61920, dropped 2652"), score.stdout());
  }

  @Test
  void theJobRanOnTheWorkerWithThePackagedJar() throws IOException {
    assertTrue(masterJson.contains("\"name\" : \"tripcast score\""), masterJson);
    assertTrue(masterJson.contains("\"aliveworkers\" : 1"), masterJson);
    List<Path> executorJars;
    try (Stream<Path> files = Files.walk(cluster.workerWorkDir())) {
      executorJars = files.filter(p -> p.getFileName().toString().equals("tripcast.jar")).toList();
    }
    assertEquals(1, executorJars.stream().map(jar -> jar.getParent().getParent()).distinct().count(),
        "the application's executors fetched the application jar: " + executorJars);
    for (Path jar : executorJars) {
      assertEquals(Files.size(Packaged.jar()), Files.size(jar), jar.toString());
    }
  }

  @Test
  void scoredTripsHaveTheSameRowsAndPredictionsAsLocalMode() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> clusterRows = spark.read().format("delta").load(out.resolve("tables/scored_trips").toString());
    Dataset<Row> localRows = spark.read().format("delta").load(local.february().scoredTrips().path());
    List<String> exact = Arrays.stream(localRows.columns())
        .filter(c -> !List.of(ScoredTrips.PREDICTED_DURATION, ScoredTrips.DIFF, ScoredTrips.SCORED_AT).contains(c))
        .toList();

    assertEquals(List.of(localRows.columns()), List.of(clusterRows.columns()));
    assertEquals(61_920, clusterRows.count());
    assertEquals(0, clusterRows.select(cols(exact)).exceptAll(localRows.select(cols(exact))).count(),
        "cluster rows missing locally");
    assertEquals(0, localRows.select(cols(exact)).exceptAll(clusterRows.select(cols(exact))).count(),
        "local rows missing on the cluster");
    Row worst = clusterRows.as("c").join(localRows.as("l"), ScoredTrips.RIDE_ID)
        .agg(max(abs(col("c." + ScoredTrips.PREDICTED_DURATION).minus(col("l." + ScoredTrips.PREDICTED_DURATION)))),
            max(abs(col("c." + ScoredTrips.DIFF).minus(col("l." + ScoredTrips.DIFF)))),
            org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)))
        .first();
    assertEquals(61_920, worst.getLong(2), "every ride joins");
    assertTrue(worst.getDouble(0) <= TOLERANCE, "max |prediction difference| " + worst.getDouble(0));
    assertTrue(worst.getDouble(1) <= TOLERANCE, "max |diff difference| " + worst.getDouble(1));
  }

  @Test
  void errorReportAndDataQualityMatchLocalMode() {
    SparkSession spark = TestSpark.session();
    ErrorReportRows.assertMatch(spark.read().format("delta").load(local.february().errorReport().path()),
        spark.read().format("delta").load(out.resolve("tables/error_report").toString()));
    String quality = "SELECT month, job, rows_read, rows_kept, rows_dropped, null_share, unknown_zone_share, "
        + "min_pickup, max_pickup, source_schema FROM delta.`%s` WHERE job = 'score' ORDER BY month";
    assertEquals(spark.sql(String.format(quality, local.february().dataQuality().path())).collectAsList(),
        spark.sql(String.format(quality, out.resolve("tables/data_quality"))).collectAsList());
  }

  private static Processes.Result submit(Path config, String... job) {
    List<String> cmd = new ArrayList<>(List.of(Packaged.job("tripcast-submit").toString(),
        "--master", cluster.masterUrl(),
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.executor.memory=1g", "--driver-memory", "1g",
        "--config", config.toString()));
    cmd.addAll(List.of(job));
    Map<String, String> env = new HashMap<>(StandaloneCluster.loopbackEnv());
    env.put("SPARK_HOME", null);
    return Processes.run(cmd, env, work, SUBMIT_TIMEOUT);
  }

  private static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
