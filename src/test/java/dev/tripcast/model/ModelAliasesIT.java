package dev.tripcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.config.Settings;
import dev.tripcast.errors.ConcurrentChangeException;
import dev.tripcast.errors.ExitCode;
import dev.tripcast.jobs.RunContext;
import dev.tripcast.jobs.RunLog;
import dev.tripcast.tables.LogStorePolicy;
import dev.tripcast.tables.Warehouse;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TrivialModels;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The champion alias on real green months, through the {@code model_registry} Delta table: v1 is
 * the shared {@link LocalReference} model (trained on 2021-01), v2 a pass-through model saved here
 * (it is promoted and rolled back, never scored with). Each test works on its own copy of that registry.
 */
class ModelAliasesIT {
  private static final YearMonth MARCH = YearMonth.of(2021, 3);

  @TempDir static Path base;
  @TempDir Path work;

  @BeforeAll
  static void twoRealVersions() {
    LocalReference.get().copyTo(base);
    TrivialModels.saveIdentity(base.resolve("models")); // v2: promoted and rolled back, never scores
  }

  @Test
  void firstUsePromotesV1ThenPromoteAndRollbackDecideWhatScores() {
    LocalReference.copyTree(base, work);
    String config = TestConfig.write(work.resolve("it.conf"), TestSettings.realDataRoot(), work.resolve("tables"),
        work.resolve("models")).toString();

    CliRun first = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--config", config);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("note: model trip-duration had no champion: promoted v1"), first.out());
    assertTrue(first.out().contains("scored 2021-03 with model v1"), first.out());

    CliRun promote = CliRun.runWithSpark("models", "promote", "v2", "--alias", "champion", "--reason", "newer data",
        "--config", config);
    assertEquals(0, promote.code(), promote.err());
    assertTrue(promote.out().contains("alias_moved") && promote.out().contains("@champion v1 → v2"), promote.out());

    CliRun rollback = CliRun.runWithSpark("models", "rollback", "--reason", "v2 too slow", "--config", config);
    assertEquals(0, rollback.code(), rollback.err());
    assertTrue(rollback.out().contains("@champion v2 → v1"), rollback.out());

    RunInfo died = RunInfo.start("score");
    RunLog.start(RunContext.open(TestSpark.session(), settings(work), died),
        "score green 2021-03 with model champion", List.of());
    // The champion named by an MLflow-style model URI scores like the default reference.
    CliRun again = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--model",
        "models:/trip-duration@champion", "--config", config);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("scored 2021-03 with model v1") && !again.out().contains("no champion"), again.out());
    assertTrue(again.out().contains("note: run " + died.id() + " of the same job and key, started "), again.out());
    assertEquals(List.of("v1"), TestSpark.session().read().format("delta").load(work.resolve("tables/scored_trips").toString())
        .where("month = '2021-03'").select("model_version").distinct().collectAsList().stream().map(r -> r.getString(0)).toList());

    List<String> events = registryRows(work, "event || ':' || coalesce(alias, '') || ':' || version");
    assertEquals(List.of("registered::v1", "alias_set:champion:v1", "alias_moved:champion:v2",
        "alias_rolled_back:champion:v1"), events);

    List<String> runs = TestSpark.session().read().format("delta").load(work.resolve("tables/runs").toString())
        // started_at has second precision: the run left running and the score after it may share a
        // second, and the unfinished one (ended_at null, sorted first) started first
        .orderBy("started_at", "ended_at").selectExpr("concat_ws(':', job, status, cast(exit_code AS STRING), "
            + "coalesce(model_version, '-'), cast(size(inputs) AS STRING), cast(commits['scored_trips'] IS NOT NULL AS STRING), "
            + "cast(length(settings_hash) AS STRING))")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of("score:succeeded:0:v1:1:true:64", "models-promote:succeeded:0:v2:0:false:64",
        "models-rollback:succeeded:0:v1:0:false:64", "score:running:-:0:false:64", "score:succeeded:0:v1:1:true:64"),
        runs.stream().map(r -> r.replace("::", ":-:")).toList());

    CliRun list = CliRun.runWithSpark("models", "list", "--config", config);
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains("aliases {champion=v1}"), list.out());
    CliRun nothing = CliRun.runWithSpark("models", "rollback", "--config", config);
    assertEquals(ExitCode.INVALID_INPUT.code(), nothing.code());
    assertTrue(nothing.singleErrorLine().contains("@champion is v1 and has no earlier version"), nothing.err());
  }

  @Test
  void twoPromotionsRacingLeaveOneChampionAndBothAttemptsRecorded() throws Exception {
    LocalReference.copyTree(base, work);
    Settings settings = settings(work);
    ModelAliases aliases = new ModelAliases(TestSpark.session(),
        new Warehouse(TestSpark.session(), settings.paths().warehouseRoot(), LogStorePolicy.WARN), "trip-duration");
    ModelAliases.State seen = aliases.state();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<ModelAliases.Event>> attempts = new ArrayList<>();
    for (String version : List.of("v1", "v2")) {
      Callable<ModelAliases.Event> promote = () -> {
        start.await();
        return aliases.promote(seen, "champion", version, "race-" + version, "racing", Map.of());
      };
      attempts.add(pool.submit(promote));
    }
    start.countDown();
    List<String> winners = new ArrayList<>();
    int lost = 0;
    for (Future<ModelAliases.Event> f : attempts) {
      try {
        winners.add(f.get().version());
      } catch (java.util.concurrent.ExecutionException e) {
        assertTrue(e.getCause() instanceof ConcurrentChangeException, String.valueOf(e.getCause()));
        assertEquals(ExitCode.CONCURRENT_CHANGE, ((ConcurrentChangeException) e.getCause()).exitCode());
        lost++;
      }
    }
    pool.shutdown();
    assertEquals(1, winners.size(), "exactly one promotion wins");
    assertEquals(1, lost);
    assertEquals(winners.get(0), aliases.state().alias("champion").version().orElseThrow());
    assertEquals(List.of("alias_move_rejected", "alias_set"),
        registryRows(work, "event").stream().filter(e -> e.startsWith("alias")).sorted().toList());
    assertEquals(2, registryRows(work, "run_id").stream().filter(r -> r.startsWith("race-")).distinct().count());

    // A promotion decided on a state that is no longer current loses even when nothing runs at the same moment.
    assertThrows(ConcurrentChangeException.class,
        () -> aliases.promote(seen, "champion", "v1", "late", "stale decision", Map.of()));
    assertEquals(winners.get(0), aliases.state().alias("champion").version().orElseThrow());
  }

  @Test
  void aFirstChampionIsNotRecordedOverAChampionAnotherRunSetMeanwhile() {
    LocalReference.copyTree(base, work);
    ModelAliases aliases = new ModelAliases(TestSpark.session(),
        new Warehouse(TestSpark.session(), settings(work).paths().warehouseRoot(), LogStorePolicy.WARN), "trip-duration");
    // A score resolved @champion to v1 (none set yet); before it records that, a person promotes v2.
    aliases.promote(aliases.state(), "champion", "v2", "person", "newer data", Map.of());

    assertEquals(java.util.Optional.empty(), aliases.promoteFirstChampion("v1", List.of("v1", "v2"), "score"));
    assertEquals("v2", aliases.state().alias("champion").version().orElseThrow());
    assertEquals(List.of("alias_set"), registryRows(work, "event").stream().filter(e -> e.startsWith("alias")).toList());
  }

  private static List<String> registryRows(Path dir, String expression) {
    return TestSpark.session().read().format("delta").load(dir.resolve("tables/model_registry").toString())
        .orderBy("event_time", "alias_seq").selectExpr(expression).collectAsList().stream().map((Row r) -> r.getString(0))
        .toList();
  }

  private static Settings settings(Path dir) {
    return TestSettings.defaults(TestSettings.realDataRoot(), dir);
  }
}
