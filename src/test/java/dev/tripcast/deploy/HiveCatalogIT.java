package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.TrainJob;
import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tripcast.catalog.database} against a real metastore: Spark's Hive support with its
 * embedded Derby metastore under the test's folder, as a cluster's Spark provides it. The shared
 * test session has no Hive support (and {@code spark.sql.catalogImplementation} is static), so every
 * tripcast run here is a JVM of its own on the test class path (which holds spark-hive); Derby's
 * embedded metastore admits one JVM at a time, so they run one after the other.
 *
 * <p>One scenario, four JVMs: {@code score} of a 30-trip month with the catalog set, the same
 * {@code score} again, then a second process, {@code tripcast sql}, reading the tables by name; and
 * a second warehouse configured with the same database, refused before it writes anything.
 */
class HiveCatalogIT {
  private static final int TRIPS = 30;
  private static final Duration LIMIT = Duration.ofMinutes(5);

  @TempDir static Path work;
  private static Path tables;
  private static List<Processes.Result> scores;
  private static Processes.Result sql;

  @BeforeAll
  static void scoredTwiceWithTheCatalogThenReadByName() {
    Path data = work.resolve("data");
    TlcFiles files = new TlcFiles(data);
    for (String month : List.of("2021-01", "2021-02")) {
      files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
    }
    tables = work.resolve("tables");
    Settings defaults = TestSettings.defaults(data, work);
    Settings course = defaults.withModel(defaults.model().withFeatureSet(FeatureSet.COURSE))
        .withPaths(new Settings.Paths(data.toString(), tables.toString(), work.resolve("models").toString()));
    // In the test JVM, without the catalog: model_registry, data_quality and runs exist before the
    // first run with the catalog, which registers them as it writes them.
    TrainJob.run(RunContext.open(TestSpark.session(), course, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(YearMonth.of(2021, 1)), List.of(YearMonth.of(2021, 2))));
    String config = hiveConfig("it.conf", tables).toString();
    scores = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      scores.add(tripcast("score", "--taxi", "green", "--month", "2021-02", "--config", config));
    }
    sql = tripcast("sql", "SELECT count(*) AS n FROM tripcast.scored_trips;\n"
        + "SHOW TABLES IN tripcast;\n"
        + "SELECT status, count(*) FROM tripcast.runs WHERE job = 'score' GROUP BY status", "--config", config);
  }

  @Test
  void aSecondProcessReadsTheScoredTripsByName() {
    assertEquals(0, scores.get(0).exitCode(), scores.get(0).describe());
    assertEquals(0, sql.exitCode(), sql.describe());
    assertEquals(List.of("30"), column(sql.stdout(), 0), sql.stdout());
  }

  @Test
  void scoreRegistersTheTablesItWritesAtTheirPaths() {
    assertTrue(scores.get(0).stderr().contains("registered tripcast.scored_trips at "
        + TlcFiles.qualified(tables.resolve("scored_trips"))), scores.get(0).stderr());
    // SHOW TABLES lists the session's temporary views too (no namespace): the catalog's are those in tripcast.
    assertEquals(List.of("data_quality", "error_report", "model_registry", "runs", "scored_trips"),
        rows(sql.stdout(), 1).stream().filter(r -> r.get(0).equals("tripcast")).map(r -> r.get(1)).sorted().toList(),
        sql.stdout());
    assertTrue(sql.stdout().contains("catalog: tripcast.scored_trips, tripcast.error_report, tripcast.data_quality,"
        + " tripcast.model_registry, tripcast.runs\n"), sql.stdout());
  }

  @Test
  void registeringATableThatExistedCommitsNothingToIt() {
    // model_registry was created by the training, before any run with the catalog: its only
    // commits are that creation, the version it registered and the champion's first use.
    assertEquals(List.of("CREATE TABLE", "WRITE", "MERGE"), TestSpark.session()
        .sql("DESCRIBE HISTORY delta.`" + tables.resolve("model_registry") + "`").orderBy("version")
        .select("operation").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  @Test
  void aReRunRegistersAgainWithoutFailingAndChangesNoCount() {
    assertEquals(0, scores.get(1).exitCode(), scores.get(1).describe());
    assertEquals(List.of("30"), column(sql.stdout(), 0), sql.stdout());
    assertEquals(List.of(List.of("succeeded", "2")), rows(sql.stdout(), 2), sql.stdout());
  }

  @Test
  void aSecondWarehouseWithTheSameDatabaseIsRefusedBeforeItWritesAnything() {
    Path other = work.resolve("other-tables");
    Processes.Result r = tripcast("score", "--taxi", "green", "--month", "2021-02",
        "--config", hiveConfig("other.conf", other).toString());
    assertEquals(2, r.exitCode(), r.describe());
    List<String> errors = r.stderr().lines().filter(l -> l.startsWith("[ERROR]")).toList();
    assertEquals(List.of("[ERROR] tripcast.runs is already in the session catalog as a delta table at "
        + TlcFiles.qualified(tables.resolve("runs")) + ", not this warehouse's Delta table at "
        + TlcFiles.qualified(other.resolve("runs")) + ": set tripcast.catalog.database to another database, or drop"
        + " that catalog entry if it is stale"), errors, r.stderr());
    assertFalse(Files.exists(other), "nothing written under " + other);
  }

  /** The test's config for a warehouse at {@code warehouse}: catalog database "tripcast" in Derby under {@link #work}. */
  private static Path hiveConfig(String name, Path warehouse) {
    String metastore = "jdbc:derby:;databaseName=" + work.resolve("metastore_db") + ";create=true";
    return TestConfig.write(work.resolve(name), work.resolve("data"), warehouse, work.resolve("models"),
        "tripcast.model.feature-set = \"course\"",
        "tripcast.catalog.database = \"tripcast\"",
        "tripcast.spark.conf { \"spark.sql.catalogImplementation\" = \"hive\", "
            + "\"spark.hadoop.javax.jdo.option.ConnectionURL\" = " + ConfigUtil.quoteString(metastore) + ", "
            + "\"spark.sql.warehouse.dir\" = " + ConfigUtil.quoteString(work.resolve("spark-warehouse").toString()) + " }");
  }

  /** {@code tripcast ARGS} in a JVM of its own on the test class path (spark-hive included), logging as jobs/tripcast does. */
  private static Processes.Result tripcast(String... args) {
    List<String> command = new ArrayList<>(List.of(Packaged.java(), "-Xmx1g", "-XX:TieredStopAtLevel=1"));
    command.addAll(Packaged.java17Opens());
    command.addAll(List.of("-Dderby.stream.error.file=" + work.resolve("derby.log"),
        "-Dlog4j2.configurationFile=" + TestSettings.repoDir().resolve("conf/log4j2.properties"),
        "-cp", System.getProperty("java.class.path"), "dev.tripcast.cli.Tripcast"));
    command.addAll(List.of(args));
    Processes.Result r = Processes.run(command, Map.of(), work, LIMIT);
    System.out.printf("HIVE-CATALOG %s: exit %d after %d s%n", args[0], r.exitCode(), r.took().toSeconds());
    return r;
  }

  /** The first column of the {@code index}-th result table printed by {@code tripcast sql}. */
  private static List<String> column(String stdout, int index) {
    return rows(stdout, index).stream().map(r -> r.get(0)).toList();
  }

  /**
   * The rows of the {@code index}-th result table printed by {@code tripcast sql}, each its cells:
   * the lines between the table's rule ({@code ---}) and its "(N rows)" line.
   */
  private static List<List<String>> rows(String stdout, int index) {
    List<List<List<String>>> tables = new ArrayList<>();
    List<List<String>> current = null;
    for (String line : stdout.lines().toList()) {
      if (line.matches("-+(-\\+-+)*")) {
        current = new ArrayList<>();
        tables.add(current);
      } else if (line.matches("\\(\\d+ rows?.*\\)")) {
        current = null;
      } else if (current != null) {
        current.add(java.util.Arrays.stream(line.split(" \\| ", -1)).map(String::strip).toList());
      }
    }
    return tables.get(index);
  }
}
