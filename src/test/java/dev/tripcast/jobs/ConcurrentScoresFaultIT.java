package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcFiles;
import dev.tripcast.testing.TlcLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent creation: two {@code tripcast score} processes of different months started at
 * the same moment on a new warehouse (no scored_trips, error_report, data_quality or runs table
 * yet: both race to create each). Both must exit 0, and the tables must hold exactly one copy of
 * each month. Real processes (the packaged launcher, one JVM each), as a backfill beside the
 * nightly run would be.
 *
 * <p>The model is trained in the test JVM into a warehouse of its own and its {@code model_registry}
 * copied into the scores' warehouse, so every other table there is new to every JVM. (An earlier version trained into the scores' warehouse and deleted its
 * {@code data_quality}: the test JVM's cached Delta log of the deleted table then logged "Change in
 * the table id detected" when it read the new one, which looked like two creations.) Each table
 * must end with exactly one creation commit, and no run may log a table id change.
 *
 * <p>Then, on the existing warehouse, three {@code tripcast backfill} processes start together:
 * 2021-05..06 and 2021-05..07, which overlap and start on the same month, and 2021-03..04,
 * disjoint from them (re-scoring the two months above; each month replaced in tables the others
 * write at once, and the runs table taking concurrent appends and UPDATEs). The disjoint one must
 * exit 0; the overlapping ones exit 0, or 5 with one line naming the month they stopped at and
 * the table whose commit lost, as Delta's optimistic concurrency decides. Re-running the ones
 * that lost converges to one copy of every month, and no run is left {@code running}.
 */
class ConcurrentScoresFaultIT {
  private static final int TRIPS = 30;
  private static final Duration LIMIT = Duration.ofMinutes(30); // a 2-core machine at load 30 took 15

  @TempDir Path work;

  @Test
  void twoScoresOfDifferentMonthsStartedTogetherBothSucceedOnANewAndOnAnExistingWarehouse() throws Exception {
    Path data = work.resolve("data");
    java.nio.file.Files.createDirectories(data);
    TlcFiles files = new TlcFiles(data);
    for (String month : List.of("2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06", "2021-07")) {
      files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
    }
    Path tables = work.resolve("tables");
    String config = TestConfig.write(work.resolve("it.conf"), data, tables, work.resolve("models"),
        "tripcast.model.feature-set = \"course\"").toString();
    Settings defaults = TestSettings.defaults(data, work);
    Settings training = defaults.withModel(defaults.model().withFeatureSet(FeatureSet.COURSE))
        .withPaths(new Settings.Paths(data.toString(), work.resolve("train-tables").toString(),
            work.resolve("models").toString()));
    TrainJob.run(RunContext.open(TestSpark.session(), training, RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN, List.of(YearMonth.of(2021, 1)), List.of(YearMonth.of(2021, 2))));
    assertEquals(false, java.nio.file.Files.exists(tables), "the scores' warehouse is new");
    // The registry the training wrote, copied: no other table exists, and this JVM never read any there.
    LocalReference.copyTree(work.resolve("train-tables/model_registry"), tables.resolve("model_registry"));

    scoreTogether(config, "new");
    assertOneCopyOfEachMonth(tables, 2);
    // Not asserted: which run logs "created Delta table". In one CI-like run both runs' creates of
    // `runs` returned without error (Delta accepted the second as the same creation), so both
    // logged it; what must hold is below: one CREATE commit per table in its history.

    // The existing warehouse: 2021-03..04 is disjoint from the others and must succeed.
    int lost = backfillTogetherThenRerunTheLosers(config, List.of(List.of("2021-05", "2021-06"),
        List.of("2021-05", "2021-07"), List.of("2021-03", "2021-04")));
    Map<String, Long> eachMonth = new TreeMap<>();
    for (String month : List.of("2021-03", "2021-04", "2021-05", "2021-06", "2021-07")) {
      eachMonth.put(month, 1L);
    }
    assertEquals(eachMonth, countByMonth(tables.resolve("scored_trips"), "true").entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / TRIPS, (a, b) -> a, TreeMap::new)));
    assertEquals(eachMonth, countByMonth(tables.resolve("error_report"), "dimension = 'overall'"));
    assertEquals(eachMonth, countByMonth(tables.resolve("data_quality"), "job = 'score'"));
    List<Row> backfills = TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .where("job = 'backfill'").selectExpr("status", "exit_code").collectAsList();
    assertEquals(3 + lost, backfills.size(), backfills.toString());
    assertEquals(lost, backfills.stream().filter(r -> r.getString(0).equals("failed") && r.getInt(1) == 5).count(),
        backfills.toString());
    assertEquals(3, backfills.stream().filter(r -> r.getString(0).equals("succeeded")).count(), backfills.toString());
    for (String table : List.of("scored_trips", "error_report", "data_quality", "runs", "model_registry")) {
      assertEquals(1L, TestSpark.session().sql("DESCRIBE HISTORY delta.`" + tables.resolve(table) + "`")
          .where("operation LIKE 'CREATE%'").count(), table + " was created once");
    }
  }

  /**
   * Starts one backfill per range at once; each must exit 0, or, if it shares a month with
   * another range, 5 with a one-line conflict. The ranges that lost are re-run one after the other
   * and must then exit 0.
   *
   * @return how many backfills lost a conflict
   */
  private int backfillTogetherThenRerunTheLosers(String config, List<List<String>> ranges) {
    List<JobProcess> started = ranges.stream().map(r -> JobProcess.start(work, "backfill-" + r.get(0) + ".." + r.get(1),
        "backfill", "--taxi", "green", "--from", r.get(0), "--to", r.get(1), "--config", config)).toList();
    int lost = 0;
    for (int i = 0; i < ranges.size(); i++) {
      Processes.Result r = started.get(i).await(LIMIT);
      List<String> range = ranges.get(i);
      System.out.printf("BACKFILL %s..%s exit %d%n", range.get(0), range.get(1), r.exitCode());
      if (r.exitCode() == 5 && overlapsAnother(ranges, i)) {
        lost++;
        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("[ERROR]")).toList();
        assertEquals(1, errors.size(), r.describe());
        System.out.println("BACKFILL lost: " + errors.get(0));
        assertTrue(errors.get(0).matches("\\[ERROR\\] backfill of green stopped at 2021-0[567] after .*"), errors.get(0));
        assertTrue(errors.get(0).contains(" was not committed because another run changed the table first"),
            errors.get(0));
        Processes.Result again = JobProcess.start(work, "rerun-" + range.get(0) + ".." + range.get(1), "backfill",
            "--taxi", "green", "--from", range.get(0), "--to", range.get(1), "--config", config).await(LIMIT);
        assertEquals(0, again.exitCode(), "re-run of " + range + ": " + again.describe());
      } else {
        assertEquals(0, r.exitCode(), range + ": " + r.describe());
      }
    }
    return lost;
  }

  private static boolean overlapsAnother(List<List<String>> ranges, int i) {
    List<String> mine = ranges.get(i);
    return java.util.stream.IntStream.range(0, ranges.size()).filter(j -> j != i).mapToObj(ranges::get)
        .anyMatch(other -> other.get(0).compareTo(mine.get(1)) <= 0 && mine.get(0).compareTo(other.get(1)) <= 0);
  }

  private void scoreTogether(String config, String round) {
    JobProcess march = JobProcess.start(work, round + "-2021-03", "score", "--taxi", "green", "--month", "2021-03",
        "--config", config);
    JobProcess april = JobProcess.start(work, round + "-2021-04", "score", "--taxi", "green", "--month", "2021-04",
        "--config", config);
    Processes.Result m = march.await(LIMIT);
    Processes.Result a = april.await(LIMIT);
    assertEquals(0, m.exitCode(), round + " warehouse, 2021-03: " + m.describe());
    assertEquals(0, a.exitCode(), round + " warehouse, 2021-04: " + a.describe());
    for (Processes.Result r : List.of(m, a)) {
      assertEquals(false, r.stderr().contains("Change in the table id"), round + " warehouse: " + r.describe());
    }
  }

  private static void assertOneCopyOfEachMonth(Path tables, int scoreRuns) {
    assertEquals(Map.of("2021-03", (long) TRIPS, "2021-04", (long) TRIPS),
        countByMonth(tables.resolve("scored_trips"), "true"));
    assertEquals(Map.of("2021-03", 1L, "2021-04", 1L), countByMonth(tables.resolve("error_report"), "dimension = 'overall'"));
    assertEquals(Map.of("2021-03", 1L, "2021-04", 1L), countByMonth(tables.resolve("data_quality"), "job = 'score'"));
    List<Row> runs = TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .where("job = 'score'").selectExpr("status", "exit_code").collectAsList();
    assertEquals(scoreRuns, runs.size(), runs.toString());
    runs.forEach(r -> assertEquals(List.of("succeeded", 0), List.of(r.getString(0), r.getInt(1)), runs.toString()));
  }

  private static Map<String, Long> countByMonth(Path table, String where) {
    Map<String, Long> counts = new TreeMap<>();
    TestSpark.session().read().format("delta").load(table.toString()).where(where).groupBy("month").count()
        .collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }
}
