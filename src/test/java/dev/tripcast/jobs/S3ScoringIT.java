package dev.tripcast.jobs;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.model.ModelRef;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.errors.InvalidInputException;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRegistry;
import dev.tripcast.model.RegressionMetrics;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.testing.ErrorReportRows;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.S3ProxyServer;
import dev.tripcast.testing.S3TestBucket;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train and score on S3 through s3a, against a real S3 server on loopback (S3Proxy), with the
 * shipped S3 settings; the results must equal the shared local run of the same months
 * ({@link LocalReference}: course feature set, train 2021-01, valid and score 2021-02).
 *
 * <p>The real green 2021-01 and 2021-02 months are uploaded through the S3 API; the model is
 * trained reading {@code s3a://} (train 2021-01, valid 2021-02) and saved to an {@code s3a://}
 * model root, then 2021-02 is scored into Delta tables under an {@code s3a://} warehouse.
 */
class S3ScoringIT {
  private static final YearMonth JAN = YearMonth.of(2021, 1);
  private static final YearMonth FEB = YearMonth.of(2021, 2);
  private static final String MONTH_FILE = "green_tripdata_%s.parquet";

  @TempDir static Path work;
  private static S3ProxyServer server;
  private static S3TestBucket bucket;
  private static Settings onS3;
  private static Run local;
  private static Run remote;
  private static Map<String, String> committerBefore;

  /** One train + score, with its wall-clock times in seconds. */
  private record Run(TrainJob.Result train, ScoreJob.Result score, double trainSeconds, double scoreSeconds) {
    double totalSeconds() {
      return trainSeconds + scoreSeconds;
    }
  }

  @BeforeAll
  static void uploadMonthsThenTrainAndScoreLocallyAndOnS3() {
    SparkSession spark = TestSpark.session();
    server = S3ProxyServer.start(work.resolve("s3proxy"));
    // The course feature set: one fit per run (S3 against local, not the model, is under test).
    Settings defaults = TestSettings.withFeatureSet(SettingsLoader.load(Optional.empty()), FeatureSet.COURSE);
    bucket = S3TestBucket.create("tripcast-it", server, defaults.s3(), spark.sparkContext().hadoopConfiguration());
    committerBefore = S3TestBucket.applyCommitterProperties(defaults.s3(), spark.sparkContext().hadoopConfiguration());
    for (YearMonth month : List.of(JAN, FEB)) {
      String file = String.format(MONTH_FILE, month);
      bucket.upload(TestSettings.realDataRoot().resolve(file), "tlc/" + file);
    }
    onS3 = bucket.settings(defaults, new Settings.Paths(bucket.uri("tlc"), bucket.uri("warehouse/tables"),
        bucket.uri("warehouse/models")), LogStorePolicy.WARN);

    LocalReference reference = LocalReference.get();
    local = new Run(reference.train(), reference.february(), reference.trainTime().toMillis() / 1e3,
        reference.scoreTime().toMillis() / 1e3);
    remote = trainAndScore(spark, onS3);
    System.out.printf("S3ScoringIT: local train %.1f s + score %.1f s = %.1f s; S3 train %.1f s + score %.1f s = %.1f s%n",
        local.trainSeconds(), local.scoreSeconds(), local.totalSeconds(),
        remote.trainSeconds(), remote.scoreSeconds(), remote.totalSeconds());
  }

  @AfterAll
  static void stopServerAndRestoreTheSession() {
    if (committerBefore != null) {
      S3TestBucket.restore(committerBefore, TestSpark.session().sparkContext().hadoopConfiguration());
    }
    if (server != null) {
      server.close();
      assertFalse(server.isRunning());
    }
  }

  @Test
  void modelIsSavedOnS3AndTrainedExactlyAsLocally() throws IOException {
    assertTrue(remote.train().saved().path().startsWith("s3a://tripcast-it/warehouse/models/trip-duration/"),
        remote.train().saved().path());
    assertTrue(bucket.fileSystem().exists(new org.apache.hadoop.fs.Path(
        remote.train().saved().path() + "/" + ModelRegistry.CARD_FILE)));
    assertEquals(local.train().saved().version(), remote.train().saved().version());
    assertEquals(local.train().train().get(0).read(), remote.train().train().get(0).read());
    assertEquals(local.train().train().get(0).kept(), remote.train().train().get(0).kept());
    Map<String, RegressionMetrics> expected = local.train().saved().card().metrics();
    Map<String, RegressionMetrics> actual = remote.train().saved().card().metrics();
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((segment, m) -> {
      assertEquals(m.n(), actual.get(segment).n(), segment);
      assertEquals(m.rmse(), actual.get(segment).rmse(), 1e-9, segment);
      assertEquals(m.mae(), actual.get(segment).mae(), 1e-9, segment);
    });
  }

  @Test
  void scoringOnS3WritesTheSameRowsAndPredictionsAsLocally() {
    assertEquals(64_572, remote.score().quality().counts().read());
    assertEquals(local.score().quality().counts(), withSourceFile(remote.score().quality().counts(), local.score().quality().counts().sourceFile()));
    assertEquals(local.score().scoredTrips().rowsWritten(), remote.score().scoredTrips().rowsWritten());
    assertTrue(remote.score().scoredTrips().path().startsWith("s3a://tripcast-it/warehouse/tables/"));

    SparkSession spark = TestSpark.session();
    Dataset<Row> l = spark.read().format("delta").load(local.score().scoredTrips().path())
        .select(col("ride_id"), col("predicted_duration").as("local_prediction"));
    Dataset<Row> r = spark.read().format("delta").load(remote.score().scoredTrips().path())
        .select(col("ride_id"), col("predicted_duration").as("s3_prediction"));
    Row joined = l.join(r, "ride_id")
        .agg(org.apache.spark.sql.functions.count("*"), max(abs(col("local_prediction").minus(col("s3_prediction")))))
        .first();
    assertEquals(61_920L, joined.getLong(0));
    assertEquals(0.0, joined.getDouble(1), 1e-9);
  }

  @Test
  void errorReportAndDataQualityOnS3EqualTheLocalOnes() {
    SparkSession spark = TestSpark.session();
    assertTrue(local.score().report().size() > 100, "report rows: " + local.score().report().size());
    ErrorReportRows.assertMatch(spark.read().format("delta").load(local.score().errorReport().path()),
        spark.read().format("delta").load(remote.score().errorReport().path()));

    String columns = "month, job, rows_read, rows_kept, to_json(rows_dropped) AS dropped, "
        + "to_json(null_share) AS nulls, unknown_zone_share, min_pickup, max_pickup, source_schema";
    Dataset<Row> quality = spark.read().format("delta").load(remote.score().dataQuality().path()).selectExpr(columns.split(", "));
    Dataset<Row> localQuality = spark.read().format("delta").load(local.score().dataQuality().path()).selectExpr(columns.split(", "));
    assertEquals(localQuality.orderBy("month", "job").collectAsList(), quality.orderBy("month", "job").collectAsList());
  }

  @Test
  void deltaLogAndDataFilesAreObjectsOnTheServer() throws IOException {
    FileSystem fs = bucket.fileSystem();
    String table = remote.score().scoredTrips().path();

    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(table + "/_delta_log/00000000000000000000.json")));
    Path onDisk = work.resolve("s3proxy/blobs/tripcast-it/warehouse/tables/scored_trips/_delta_log");
    try (Stream<Path> files = Files.list(onDisk)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("00000000000000000000.json")), onDisk.toString());
    }
  }

  @Test
  void scoringRefusesAnS3WarehouseWithoutAMultiDriverLogStoreByDefaultAndWritesNothing() throws IOException {
    Settings refusing = bucket.settings(SettingsLoader.load(Optional.empty()), new Settings.Paths(bucket.uri("tlc"),
        bucket.uri("refused/tables"), bucket.uri("warehouse/models")), LogStorePolicy.REFUSE);
    assertEquals(LogStorePolicy.REFUSE, SettingsLoader.load(Optional.empty()).s3().singleDriverLogStore());

    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScoreJob.run(
            RunContext.open(TestSpark.session(), refusing, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, FEB, ModelRef.latest())));

    assertTrue(e.getMessage().startsWith("Delta table s3a://tripcast-it/refused/tables/scored_trips is on S3 but"
        + " spark.delta.logStore.s3a.impl is not set"), e.getMessage());
    assertFalse(bucket.fileSystem().exists(new org.apache.hadoop.fs.Path(bucket.uri("refused"))));
  }

  @Test
  void withoutCredentialsS3aFailsFastListingOnlyTheShippedProviders() {
    // A second bucket with the shipped settings but no test identity: no provider finds credentials.
    // (Assumes no AWS_ACCESS_KEY_ID in the test environment, as in CI.)
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("AWS_ACCESS_KEY_ID") == null, "AWS_ACCESS_KEY_ID is set");
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration(
        TestSpark.session().sparkContext().hadoopConfiguration());
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    String prefix = "fs.s3a.bucket.tripcast-nocreds.";
    dev.tripcast.config.S3HadoopConf.properties(S3TestBucket.forServer(onS3.s3(), server))
        .forEach((k, v) -> conf.set(prefix + k.substring("fs.s3a.".length()), v));
    conf.set(prefix + "retry.limit", "0");

    long start = System.nanoTime();
    IOException e = assertThrows(IOException.class,
        () -> new org.apache.hadoop.fs.Path("s3a://tripcast-nocreds/x").getFileSystem(conf)
            .exists(new org.apache.hadoop.fs.Path("s3a://tripcast-nocreds/x")));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertTrue(e.toString().contains("No AWS Credentials provided by TemporaryAWSCredentialsProvider"
        + " SimpleAWSCredentialsProvider EnvironmentVariableCredentialsProvider"), e.toString());
    assertFalse(e.toString().contains("IAMInstanceCredentialsProvider"), e.toString());
    assertTrue(seconds < 15, "took " + seconds + " s");
  }

  private static Run trainAndScore(SparkSession spark, Settings settings) {
    long t0 = System.nanoTime();
    TrainJob.Result train = TrainJob.run(RunContext.open(spark, settings, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(JAN), List.of(FEB)));
    long t1 = System.nanoTime();
    ScoreJob.Result score = ScoreJob.run(RunContext.open(spark, settings, RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, FEB, ModelRef.latest()));
    long t2 = System.nanoTime();
    return new Run(train, score, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  private static dev.tripcast.features.DropCounts withSourceFile(dev.tripcast.features.DropCounts c, String sourceFile) {
    return new dev.tripcast.features.DropCounts(c.month(), sourceFile, c.read(), c.kept(), c.dropped());
  }
}
