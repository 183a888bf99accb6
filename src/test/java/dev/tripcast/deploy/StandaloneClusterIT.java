package dev.tripcast.deploy;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.model.ModelRef;
import com.typesafe.config.ConfigUtil;
import dev.tripcast.model.ModelCard;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.RegressionMetrics;
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
 * Maven-resolved Spark jars on 127.0.0.1, {@code train} (green 2021-01, valid 2021-02) and
 * {@code score} (2021-02) submitted through {@code jobs/tripcast-submit --master spark://…} with
 * the packaged jar and no SPARK_HOME (the laptop path: Spark's SparkSubmit on plain java, driver
 * in client mode, executors on the worker). The model and the Delta tables must match the
 * {@link LocalReference} local-mode run of the same months: same rows, predictions within 1e-9.
 * This is also the test of the packaged jar itself: the driver and the executors load tripcast,
 * Delta and Typesafe Config from {@code target/tripcast.jar}, not from the test class path.
 */
class StandaloneClusterIT {
  private static final double TOLERANCE = 1e-9;
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);

  @TempDir static Path work;
  private static LocalReference local;
  private static StandaloneCluster cluster;
  private static Path out;
  private static Processes.Result train;
  private static Processes.Result score;
  private static String masterJson;

  @BeforeAll
  static void trainAndScoreOnTheCluster() throws IOException {
    local = LocalReference.get();
    out = work.resolve("out");
    Path config = Files.writeString(work.resolve("cluster-it.conf"), String.join("\n",
        "tripcast.paths.data-root = " + ConfigUtil.quoteString(TestSettings.realDataRoot().toString()),
        "tripcast.paths.warehouse-root = " + ConfigUtil.quoteString(out.resolve("tables").toString()),
        "tripcast.paths.model-root = " + ConfigUtil.quoteString(out.resolve("models").toString()),
        "# The local reference's feature set.",
        "tripcast.model.feature-set = \"" + local.settings().model().featureSet().id() + "\"",
        "# The local reference's session settings: same shuffle layout, so the same summation order.",
        "tripcast.spark.conf {",
        "  \"spark.sql.shuffle.partitions\" = \"2\"",
        "  \"spark.default.parallelism\" = \"2\"",
        "  \"spark.databricks.delta.snapshotPartitions\" = \"2\"",
        "  \"spark.ui.enabled\" = \"false\"",
        "}", ""));
    cluster = StandaloneCluster.start(work.resolve("cluster"), 2, "1536m");
    train = submit(config, "train", "--taxi", "green", "--train", "2021-01", "--valid", "2021-02");
    score = submit(config, "score", "--taxi", "green", "--month", "2021-02");
    masterJson = cluster.masterJson();
    System.out.printf("[timing] green 2021-01/02: cluster train %.1f s, score %.1f s (each a spark-submit: JVM,"
            + " SparkContext and executor start included); local mode in the warm test session: train %.1f s,"
            + " score %.1f s%n", seconds(train.took()), seconds(score.took()), seconds(local.trainTime()),
        seconds(local.scoreTime()));
  }

  @AfterAll
  static void stopTheCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bothJobsSucceedAndPrintTheirSummaries() {
    assertEquals(0, train.exitCode(), train.describe() + cluster.logTails());
    assertTrue(train.stdout().startsWith("trained trip-duration v1 (green, train 2021-01, valid 2021-02)"), train.stdout());
    assertEquals(0, score.exitCode(), score.describe() + cluster.logTails());
    // A new registry has no champion: the first score promotes v1 and says so before its summary.
    assertTrue(score.stdout().startsWith("note: model trip-duration had no champion: promoted v1 (its first trained"
        + " version) to @champion;"), score.stdout());
    assertTrue(score.stdout().contains("\nscored 2021-02 with model v1\n"), score.stdout());
    assertTrue(score.stdout().contains("read 64572, kept 61920, dropped 2652"), score.stdout());
  }

  @Test
  void theJobsRanOnTheWorkerWithThePackagedJar() throws IOException {
    assertTrue(masterJson.contains("\"name\" : \"tripcast train\""), masterJson);
    assertTrue(masterJson.contains("\"name\" : \"tripcast score\""), masterJson);
    assertTrue(masterJson.contains("\"aliveworkers\" : 1"), masterJson);
    List<Path> executorJars;
    try (Stream<Path> files = Files.walk(cluster.workerWorkDir())) {
      executorJars = files.filter(p -> p.getFileName().toString().equals("tripcast.jar")).toList();
    }
    assertEquals(2, executorJars.stream().map(jar -> jar.getParent().getParent()).distinct().count(),
        "the executors of both applications fetched the application jar: " + executorJars);
    for (Path jar : executorJars) {
      assertEquals(Files.size(Packaged.jar()), Files.size(jar), jar.toString());
    }
  }

  @Test
  void theClusterModelEqualsTheLocalOne() {
    ModelCard clusterCard = new ModelRegistry(out.resolve("models").toString(), "trip-duration",
        TestSpark.session().sparkContext().hadoopConfiguration()).load(new ModelRef.Version(1)).card();
    ModelCard localCard = local.train().saved().card();

    assertEquals(localCard.numFeatures(), clusterCard.numFeatures());
    assertEquals(localCard.puDoVocabularySize(), clusterCard.puDoVocabularySize());
    assertEquals(localCard.training().iterations(), clusterCard.training().iterations());
    assertEquals(localCard.training().finalLoss(), clusterCard.training().finalLoss(), TOLERANCE);
    assertEquals(localCard.metrics().keySet(), clusterCard.metrics().keySet());
    localCard.metrics().forEach((name, m) -> {
      RegressionMetrics c = clusterCard.metrics().get(name);
      assertEquals(m.n(), c.n(), name);
      assertEquals(m.rmse(), c.rmse(), TOLERANCE, name);
      assertEquals(m.mae(), c.mae(), TOLERANCE, name);
      assertEquals(m.bias(), c.bias(), TOLERANCE, name);
    });
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
        + "min_pickup, max_pickup, source_schema FROM delta.`%s` ORDER BY month, job";
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
