package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.config.SettingsLoader;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LogTrigger;
import dev.tripcast.testing.MonthRows;
import dev.tripcast.testing.S3ProxyServer;
import dev.tripcast.testing.S3TestBucket;
import dev.tripcast.testing.SmallCourseWarehouse;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object store goes away in the middle of a {@code score} (fault injection, {@code make
 * faults}): months, tables and runs on a real S3 server on loopback (S3Proxy, filesystem backend),
 * killed (SIGKILL) at a logged step of the run and started again on the same port and folder
 * afterwards, as an outage and its end:
 *
 * <ol>
 *   <li>a first score of 2021-03, the store killed once the month's files are opened and checked,
 *       before the data pass that reads them: exit 10 ({@link ExitCode#STORE_UNREACHABLE}), one
 *       line naming the path and the endpoint, nothing of the month in any table;
 *   <li>a first score of 2021-04, the store killed right after the {@code scored_trips} commit:
 *       exit 10; the month keeps its 30 committed trips, and {@code report} refuses it as
 *       half-written (exit 2);
 *   <li>with the store back, a re-run of each month exits 0, names the dead run (both stay
 *       {@code running}: the store was gone when they tried to end them), and leaves exactly the
 *       rows a clean score of the month into another warehouse on the same store writes.
 * </ol>
 *
 * <p>The runs are the CLI in the test JVM ({@link CliRun}, as {@code jobs/tripcast} maps its
 * failure to an exit code), so that the store dies in the job's own thread exactly at the step
 * ({@link LogTrigger}). S3A gives up after one retry of the SDK and one of its own: with the
 * shipped three and three the two failed runs took 62 s and 38 s (three and two requests given up,
 * 19–24 s each), with one and one a few seconds.
 */
class S3OutageFaultIT {
  private static final int TRIPS = 30;
  private static final String BUCKET = "tripcast-outage";
  private static final String BEFORE_THE_DATA_PASS = "scoring green 2021-03 with model"; // month opened, not read
  private static final String AFTER_TRIPS = "committed scored_trips";                   // report and quality not
  private static final String[] QUICK_GIVE_UP = {"tripcast.s3.connection.sdk-max-error-retries = 1",
      "tripcast.s3.connection.retry-limit = 1", "tripcast.model.feature-set = \"course\""};

  @TempDir Path work;
  private S3ProxyServer server;

  @AfterEach
  void stopTheServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aStoreGoneMidRunFailsItWithExitTenAndReRunsConvergeOnceItIsBack() throws Exception {
    SparkSession spark = TestSpark.session();
    server = S3ProxyServer.start(work.resolve("s3proxy"));
    Settings defaults = SettingsLoader.load(Optional.of(
        Files.writeString(work.resolve("retries.conf"), String.join("\n", QUICK_GIVE_UP)).toFile()));
    S3TestBucket bucket = S3TestBucket.create(BUCKET, server, defaults.s3(), spark.sparkContext().hadoopConfiguration());
    TlcFiles files = new TlcFiles(Files.createDirectories(work.resolve("data")));
    for (String month : SmallCourseWarehouse.MONTHS) {
      Path file = files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
      bucket.upload(file, "data/" + file.getFileName());
    }
    String models = work.resolve("models").toString();
    String tables = bucket.uri("tables");
    Settings onS3 = bucket.settings(defaults, new Settings.Paths(bucket.uri("data"), tables, models), LogStorePolicy.WARN);
    TrainJob.run(RunContext.open(spark, onS3, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(YearMonth.of(2021, 1)),
        List.of(YearMonth.of(2021, 2))));
    String cleanTables = bucket.uri("clean-tables");
    Settings clean = onS3.withPaths(new Settings.Paths(bucket.uri("data"), cleanTables, models));
    for (String month : List.of("2021-03", "2021-04")) {
      ScoreJob.run(RunContext.open(spark, clean, RunInfo.start("score")),
          new ScoreJob.Request(TaxiType.GREEN, YearMonth.parse(month), ModelRef.latest()));
    }
    String config = TestConfig.write(work.resolve("s3.conf"), bucket.uri("data"), tables, models,
        "tripcast.s3.endpoint = " + ConfigUtil.quoteString(server.endpoint()),
        "tripcast.s3.path-style-access = true",
        "tripcast.s3.single-driver-log-store = \"warn\"", String.join("\n", QUICK_GIVE_UP)).toString();
    String gone = "[ERROR] the object store did not answer for s3a://" + BUCKET + "/";
    String endpoint = "connect to 127.0.0.1:" + server.endpoint().substring(server.endpoint().lastIndexOf(':') + 1);

    CliRun midRead = scoreWhileTheStoreDies(ScoreJob.class, BEFORE_THE_DATA_PASS, "2021-03", config);
    assertEquals(ExitCode.STORE_UNREACHABLE.code(), midRead.code(), midRead.out() + midRead.err());
    String line = midRead.singleErrorLine();
    assertTrue(line.startsWith(gone) && line.contains(endpoint), line);
    assertEquals(List.of(0L, 0L, 0L), MonthRows.counts(tables, "2021-03"), "trips, report rows, quality rows");

    CliRun midWrite = scoreWhileTheStoreDies(Warehouse.class, AFTER_TRIPS, "2021-04", config);
    assertEquals(ExitCode.STORE_UNREACHABLE.code(), midWrite.code(), midWrite.out() + midWrite.err());
    line = midWrite.singleErrorLine();
    assertTrue(line.startsWith(gone) && line.contains(endpoint), line);
    assertEquals(List.of((long) TRIPS, 0L, 0L), MonthRows.counts(tables, "2021-04"), "trips, report rows, quality rows");
    CliRun refused = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(ExitCode.INVALID_INPUT.code(), refused.code(), refused.out() + refused.err());
    assertTrue(refused.singleErrorLine().startsWith("[ERROR] green 2021-04 is half-written: scored_trips holds 30 trips"),
        refused.err());

    List<String> dead = spark.read().format("delta").load(tables + "/runs").where("job = 'score' AND status = 'running'")
        .select("run_id").orderBy("started_at").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(2, dead.size(), "both failed runs stay 'running': the store was gone when they ended " + dead);
    for (int i = 0; i < 2; i++) {
      String month = List.of("2021-03", "2021-04").get(i);
      CliRun rerun = CliRun.runWithSpark("score", "--taxi", "green", "--month", month, "--config", config);
      assertEquals(0, rerun.code(), rerun.out() + rerun.err());
      assertTrue(rerun.out().contains("note: run " + dead.get(i) + " of the same job and key"), rerun.out());
      assertEquals(MonthRows.committed(cleanTables, month), MonthRows.committed(tables, month),
          month + " re-run against a clean run");
    }
  }

  /**
   * Runs {@code score} of {@code month} and kills the store the moment {@code logger} logs
   * {@code step}; starts the store again once the run has ended.
   */
  private CliRun scoreWhileTheStoreDies(Class<?> logger, String step, String month, String config) {
    try (LogTrigger trigger = LogTrigger.on(logger, step, server::kill)) {
      long start = System.nanoTime();
      CliRun run = CliRun.runWithSpark("score", "--taxi", "green", "--month", month, "--config", config);
      System.out.printf("[timing] S3OutageFaultIT: score %s with the store killed at '%s': exit %d after %.1f s%n",
          month, step, run.code(), (System.nanoTime() - start) / 1e9);
      assertTrue(trigger.fired(), "the run reached '" + step + "':\n" + run.out() + run.err());
      return run;
    } finally {
      server = server.restart();
    }
  }
}
