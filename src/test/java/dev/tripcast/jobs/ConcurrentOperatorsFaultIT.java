package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.features.FeatureSet;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelAliases;
import dev.tripcast.testing.AliasHistory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators and schedules colliding on one warehouse, each command a real process (the packaged
 * launcher, one JVM each) started at the same moment as another:
 *
 * <ol>
 *   <li>a {@code nightly} whose score finds no champion (it scores with the first version and then
 *       records it as the first champion) and a person's {@code models promote v2 --alias champion};
 *   <li>a {@code nightly} and a person's {@code models rollback --alias champion} (v1 then v2 set
 *       before): the night scores with the champion it resolved, the rollback moves it back to v1;
 *   <li>two {@code nightly} runs of the same month;
 *   <li>{@code maintain} (OPTIMIZE, VACUUM, checkpoint of every table) and a {@code score} that
 *       replaces a month it compacts.
 * </ol>
 *
 * <p>The promise checked in each: every process exits 0, or 5 with one {@code [ERROR]} line naming
 * the table whose commit lost Delta's optimistic-concurrency race, and a re-run of the loser exits
 * 0. No registry event is lost and no alias move half-applied: {@code @champion}'s moves are
 * numbered 1..n in {@code alias_seq} with no gap or duplicate, each applied on the version the one
 * before left, and the champion is the version the last successful move set; no {@code runs} row
 * is left {@code running}; the month holds its 30 trips once, one {@code overall} report row and
 * one quality row.
 *
 * <p>Two versions are trained once for the class, in this JVM, into a warehouse of their own (v1 on
 * 2021-01, v2 on 2021-02; no champion); each test copies that registry into a new warehouse, so no
 * JVM has read any table there before. {@code nightly} runs with {@code --retrain never} and no
 * weekly maintenance, so its only registry write is the first champion.
 */
class ConcurrentOperatorsFaultIT {
  private static final int TRIPS = 30;
  private static final Duration LIMIT = Duration.ofMinutes(30); // as ConcurrentScoresFaultIT: a loaded 2-core machine
  private static final String LOST = " was not committed because another run changed the table first";
  private static final String NIGHTLY_STOPPED = "[ERROR] nightly of green ";

  @TempDir static Path base;
  @TempDir Path work;

  @BeforeAll
  static void twoVersionsAndNoChampion() {
    Path data = base.resolve("data");
    TlcFiles files = new TlcFiles(data);
    for (String month : List.of("2021-01", "2021-02", "2021-03", "2021-04", "2021-05")) {
      files.parquet(TlcLayout.GREEN_S2, month, SmallMonths.plausible(month, TRIPS));
    }
    Settings defaults = TestSettings.defaults(data, base);
    Settings training = defaults.withModel(defaults.model().withFeatureSet(FeatureSet.COURSE))
        .withPaths(new Settings.Paths(data.toString(), base.resolve("train-tables").toString(),
            base.resolve("models").toString()));
    for (List<YearMonth> trainValid : List.of(List.of(YearMonth.of(2021, 1), YearMonth.of(2021, 2)),
        List.of(YearMonth.of(2021, 2), YearMonth.of(2021, 1)))) {
      TrainJob.run(RunContext.open(TestSpark.session(), training, RunInfo.start("train")),
          new TrainJob.Request(TaxiType.GREEN, List.of(trainValid.get(0)), List.of(trainValid.get(1))));
    }
  }

  @Test
  void aNightlyFindingNoChampionAndAPersonPromotingV2TogetherLeaveV2Champion() {
    String config = newWarehouse();
    JobProcess nightly = JobProcess.start(work, "nightly", "nightly", "--taxi", "green", "--month", "2021-03",
        "--retrain", "never", "--config", config);
    JobProcess promote = JobProcess.start(work, "promote", "models", "promote", "v2", "--alias", "champion",
        "--reason", "v2 reviewed", "--config", config);
    Processes.Result n = nightly.await(LIMIT);
    Processes.Result p = promote.await(LIMIT);
    report("nightly 2021-03", n);
    report("models promote v2", p);
    int nightlyLost = rerunIfLost(n, "nightly-rerun", "nightly", "--taxi", "green", "--month", "2021-03", "--retrain",
        "never", "--config", config);
    int promoteLost = rerunIfLost(p, "promote-rerun", "models", "promote", "v2", "--alias", "champion", "--reason",
        "v2 reviewed", "--config", config);

    ModelAliases.State state = AliasHistory.aliases(tables()).state();
    List<String> moves = AliasHistory.describe(state, ModelAliases.CHAMPION);
    String scoredWith = scoredWith(n.stdout(), "2021-03");
    boolean nightlyRecorded = n.stdout().contains("had no champion: promoted v1");
    System.out.println("OUTCOME nightly+promote: champion moves " + moves + "; the nightly scored 2021-03 with "
        + scoredWith + (nightlyRecorded ? " and recorded it as first champion" : " and recorded no first champion"));
    AliasHistory.assertConsistent(state);
    if (nightlyRecorded) {
      // The nightly recorded its first champion before the person's move read the registry.
      assertEquals(List.of("1 alias_set v1", "2 alias_moved v1 -> v2"), moves);
    } else {
      // The person's move came first: the nightly, which had scored with v1 (or, if the move was
      // already committed when it resolved @champion, with v2), recorded nothing over it.
      assertEquals(List.of("1 alias_set v2"), moves);
    }
    assertEquals("v2", state.alias(ModelAliases.CHAMPION).version().orElseThrow());
    // A lost move is kept as one alias_move_rejected event: the person's that exited 5, and the
    // nightly's if its first champion lost to the person's move (it then exits 0, the move stands).
    assertEquals(promoteLost, rejected(state, "v2"), "rejected moves: " + state.events());
    assertTrue(rejected(state, "v1") <= (nightlyRecorded ? 0 : 1), "rejected moves: " + state.events());
    assertTrue(List.of("v1", "v2").contains(scoredWith), n.stdout());
    assertMonthOnce("2021-03", scoredWith);
    assertNoRunLeftRunning(2 * nightlyLost + promoteLost);
  }

  @Test
  void aNightlyAndAPersonRollingBackTheChampionTogetherLeaveTheRollbackAndTheMonthOnce() {
    String config = newWarehouse();
    ModelAliases aliases = AliasHistory.aliases(tables());
    aliases.promote(aliases.state(), ModelAliases.CHAMPION, "v1", "setup", "v1 reviewed", Map.of());
    aliases.promote(aliases.state(), ModelAliases.CHAMPION, "v2", "setup", "v2 reviewed", Map.of());
    String[] nightlyArgs = {"nightly", "--taxi", "green", "--month", "2021-03", "--retrain", "never", "--config", config};
    String[] rollbackArgs = {"models", "rollback", "--alias", "champion", "--reason", "v2 regressed", "--config", config};
    JobProcess nightly = JobProcess.start(work, "nightly", nightlyArgs);
    JobProcess rollback = JobProcess.start(work, "rollback", rollbackArgs);
    Processes.Result n = nightly.await(LIMIT);
    Processes.Result r = rollback.await(LIMIT);
    report("nightly 2021-03", n);
    report("models rollback", r);
    int nightlyLost = rerunIfLost(n, "nightly-rerun", nightlyArgs);
    int rollbackLost = rerunIfLost(r, "rollback-rerun", rollbackArgs);

    ModelAliases.State state = AliasHistory.aliases(tables()).state();
    String scoredWith = scoredWith(n.stdout(), "2021-03");
    System.out.println("OUTCOME nightly+rollback: champion moves " + AliasHistory.describe(state, ModelAliases.CHAMPION)
        + "; the nightly scored 2021-03 with " + scoredWith);
    AliasHistory.assertConsistent(state);
    // The nightly moves no alias (a champion is set, retrain never): the rollback is the only move.
    assertEquals(List.of("1 alias_set v1", "2 alias_moved v1 -> v2", "3 alias_rolled_back v2 -> v1"),
        AliasHistory.describe(state, ModelAliases.CHAMPION));
    assertEquals("v1", state.alias(ModelAliases.CHAMPION).version().orElseThrow());
    assertEquals(rollbackLost, rejected(state, "v1"), "rejected moves: " + state.events());
    // It scored with the champion it resolved: v2 before the rollback committed, v1 after.
    assertTrue(List.of("v1", "v2").contains(scoredWith), n.stdout());
    assertMonthOnce("2021-03", scoredWith);
    assertNoRunLeftRunning(2 * nightlyLost + rollbackLost);
  }

  @Test
  void twoNightliesOfTheSameMonthStartedTogetherLeaveOneFirstChampionAndTheMonthOnce() {
    String config = newWarehouse();
    List<JobProcess> started = new ArrayList<>();
    for (String name : List.of("nightly-a", "nightly-b")) {
      started.add(JobProcess.start(work, name, "nightly", "--taxi", "green", "--month", "2021-04", "--retrain", "never",
          "--config", config));
    }
    int lost = 0;
    int recordedFirstChampion = 0;
    for (int i = 0; i < started.size(); i++) {
      Processes.Result r = started.get(i).await(LIMIT);
      report("nightly 2021-04 #" + (i + 1), r);
      lost += rerunIfLost(r, "nightly-rerun-" + i, "nightly", "--taxi", "green", "--month", "2021-04", "--retrain",
          "never", "--config", config);
      recordedFirstChampion += r.stdout().contains("had no champion: promoted v1") ? 1 : 0;
    }

    ModelAliases.State state = AliasHistory.aliases(tables()).state();
    System.out.println("OUTCOME two nightlies: champion moves " + AliasHistory.describe(state, ModelAliases.CHAMPION)
        + ", first champion recorded by " + recordedFirstChampion + " of them");
    AliasHistory.assertConsistent(state);
    assertEquals(List.of("1 alias_set v1"), AliasHistory.describe(state, ModelAliases.CHAMPION));
    assertEquals(1, recordedFirstChampion, "one nightly says it promoted v1");
    assertTrue(rejected(state, "v1") <= 1, "the other lost the registry race or saw v1 set: " + state.events());
    assertMonthOnce("2021-04", "v1");
    assertNoRunLeftRunning(2 * lost); // a nightly that lost: its step's row and its own
  }

  @Test
  void maintainDuringAScoreOfTheMonthItCompactsLeavesTheMonthOnce() {
    String config = newWarehouse();
    Processes.Result first = JobProcess.start(work, "score-first", "score", "--taxi", "green", "--month", "2021-05",
        "--config", config).await(LIMIT);
    assertEquals(0, first.exitCode(), first.describe());
    JobProcess maintain = JobProcess.start(work, "maintain", "maintain", "--config", config);
    JobProcess score = JobProcess.start(work, "score", "score", "--taxi", "green", "--month", "2021-05",
        "--config", config);
    Processes.Result m = maintain.await(LIMIT);
    Processes.Result s = score.await(LIMIT);
    report("maintain", m);
    report("score 2021-05", s);
    int lost = rerunIfLost(m, "maintain-rerun", "maintain", "--config", config)
        + rerunIfLost(s, "score-rerun", "score", "--taxi", "green", "--month", "2021-05", "--config", config);
    System.out.println("OUTCOME maintain+score: " + lost + " lost");

    assertMonthOnce("2021-05", "v1");
    assertNoRunLeftRunning(lost);
    List<Row> maintains = runs("job = 'maintain' AND status = 'succeeded'");
    assertEquals(1, maintains.size(), "one maintain run succeeded: " + maintains);
  }

  /** A new warehouse holding only the class's registry (v1, v2, no champion), and its config file. */
  private String newWarehouse() {
    LocalReference.copyTree(base.resolve("train-tables/model_registry"), tables().resolve("model_registry"));
    return TestConfig.write(work.resolve("it.conf"), base.resolve("data"), tables(), base.resolve("models"),
        "tripcast.model.feature-set = \"course\"", "tripcast.maintenance.every = 0").toString();
  }

  private Path tables() {
    return work.resolve("tables");
  }

  private static void report(String what, Processes.Result r) {
    // took: from the moment the test began waiting for it, so after the first of two started together
    System.out.printf("OUTCOME %s: exit %d (waited %d s)%s%n", what, r.exitCode(), r.took().toSeconds(),
        r.exitCode() == 0 ? "" : ": " + errorLines(r));
  }

  /**
   * Checks that {@code r} exited 0, or 5 with one {@code [ERROR]} line naming the table that lost
   * the race; in that case re-runs the command, which must exit 0.
   *
   * @return 1 if it lost (and was re-run), 0 if it exited 0
   */
  private int rerunIfLost(Processes.Result r, String name, String... args) {
    if (r.exitCode() == 0) {
      return 0;
    }
    assertEquals(5, r.exitCode(), name + ": " + r.describe());
    // One line names the table whose commit lost; a nightly adds the line saying at which step it stopped.
    List<String> errors = errorLines(r).stream().filter(l -> !l.startsWith(NIGHTLY_STOPPED)).toList();
    assertEquals(1, errors.size(), r.describe());
    assertTrue(errors.get(0).matches("\\[ERROR\\] \\S+/tables/[a-z_]+: .*") && errors.get(0).contains(LOST), errors.get(0));
    Processes.Result again = JobProcess.start(work, name, args).await(LIMIT);
    report("re-run of " + String.join(" ", args), again);
    assertEquals(0, again.exitCode(), again.describe());
    return 1;
  }

  private static List<String> errorLines(Processes.Result r) {
    return r.stderr().lines().filter(l -> l.startsWith("[ERROR]")).toList();
  }

  /** The version a command's summary says it scored {@code month} with (its last such line). */
  private static String scoredWith(String stdout, String month) {
    String prefix = "scored " + month + " with model ";
    return stdout.lines().filter(l -> l.startsWith(prefix)).reduce((a, b) -> b)
        .map(l -> l.substring(prefix.length()).split("\\s")[0]).orElse("none");
  }

  private static long rejected(ModelAliases.State state, String version) {
    return state.events().stream()
        .filter(e -> ModelAliases.ALIAS_MOVE_REJECTED.equals(e.event()) && version.equals(e.version())).count();
  }

  /** The month's 30 trips once, scored by {@code version}, with one overall report row and one quality row. */
  private void assertMonthOnce(String month, String version) {
    assertEquals(Map.of(version, (long) TRIPS), countBy("scored_trips", "month = '" + month + "'", "model_version"));
    assertEquals(Map.of(version, 1L), countBy("error_report", "month = '" + month + "' AND dimension = 'overall'",
        "model_version"));
    assertEquals(Map.of("score", 1L), countBy("data_quality", "month = '" + month + "'", "job"));
  }

  /** No run is left {@code running}; {@code lost} rows are {@code failed} with 5, every other {@code succeeded}. */
  private void assertNoRunLeftRunning(int lost) {
    Map<String, Long> statuses = countBy("runs", "true", "concat(status, ' ', exit_code)");
    System.out.println("OUTCOME runs: " + statuses);
    Map<String, Long> expected = new TreeMap<>(Map.of("succeeded 0", statuses.getOrDefault("succeeded 0", 0L)));
    if (lost > 0) {
      expected.put("failed 5", (long) lost);
    }
    assertEquals(expected, statuses);
  }

  private List<Row> runs(String where) {
    return TestSpark.session().read().format("delta").load(tables().resolve("runs").toString()).where(where)
        .collectAsList();
  }

  private Map<String, Long> countBy(String table, String where, String column) {
    Map<String, Long> counts = new TreeMap<>();
    TestSpark.session().read().format("delta").load(tables().resolve(table).toString()).where(where)
        .selectExpr(column + " AS k").groupBy("k").count().collectAsList()
        .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }
}
