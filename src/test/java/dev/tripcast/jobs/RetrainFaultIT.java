package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.model.ModelAliases;
import dev.tripcast.testing.AliasHistory;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.LocalReference;
import dev.tripcast.testing.TestConfig;
import dev.tripcast.testing.TestSettings;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of {@code tripcast retrain} at each of its steps (a fault-injection test: {@code make
 * faults}, not {@code make test}). The process runs the packaged launcher on the real green
 * months (champion v1 trained on 2021-01, challenger on 2021-02..03, evaluated on 2021-04) and is
 * killed as soon as its log shows the step; the kills accumulate on one warehouse, as repeated
 * failures of a nightly job would. After each: the champion is v1 unless the kill came after the
 * alias moved, and the registry replays consistently. A last, unkilled run converges: exactly one
 * promotion of the challenger, by one decision. Before the retrains, a standalone {@code train}
 * is killed between its {@code model_registry} and {@code data_quality} commits.
 */
class RetrainFaultIT {
  /** Log lines of retrain's steps, in order; the run is killed when the line appears. */
  private static final List<String> STEPS = List.of(
      "TrainJob: fitted",                     // training, nothing saved
      "TrainJob: saved model",                // version folder saved, not yet registered
      "ModelAliases: model trip-duration: @challenger", // challenger alias moved
      "RetrainJob: retrain v",                // evaluated, decision not recorded
      "RetrainJob: recorded the decision",    // decision recorded, champion not moved
      "ModelAliases: model trip-duration: @champion");  // champion moved, archived not recorded

  /** A standalone train's registration: its model_registry commit, before its data_quality one. */
  private static final String AFTER_REGISTRATION = "Warehouse: committed model_registry";

  @TempDir Path work;

  @Test
  void killedAtEveryStepTheChampionNeverChangesBeforeItsMoveAndARerunConverges() throws Exception {
    LocalReference.get().copyTo(work);
    String config = TestConfig.write(work.resolve("it.conf"), TestSettings.realDataRoot(), work.resolve("tables"),
        work.resolve("models"), RetrainIT.COURSE).toString();
    CliRun promote = CliRun.runWithSpark("models", "promote", "v1", "--alias", "champion", "--reason", "first",
        "--config", config);
    assertEquals(0, promote.code(), promote.err());

    // A standalone train killed between its two commits: its version is registered (and complete:
    // saved before), its data_quality train rows are not; the champion stays v1.
    String trainLog = JobProcess.start(work, "train-killed", "train", "--taxi", "green", "--train", "2021-02",
        "--valid", "2021-03", "--config", config).killWhenLogged(AFTER_REGISTRATION, Duration.ofMinutes(15));
    assertTrue(trainLog.contains(AFTER_REGISTRATION), "train reached its registration:\n" + JobProcess.tail(trainLog));
    String trainRun = JobProcess.runId(trainLog);
    ModelAliases.State afterTrain = aliases().state();
    AliasHistory.assertConsistent(afterTrain);
    assertEquals("v1", afterTrain.alias(ModelAliases.CHAMPION).version().orElseThrow());
    assertEquals(List.of("v2"), afterTrain.events().stream().filter(e -> ModelAliases.REGISTERED.equals(e.event())
        && trainRun.equals(e.runId())).map(ModelAliases.Event::version).toList(), "the killed train's registration");
    assertEquals(0, TestSpark.session().read().format("delta").load(work.resolve("tables/data_quality").toString())
        .where("run_id = '" + trainRun + "'").count(), "no quality rows of the killed train");

    boolean moved = false;
    for (String step : STEPS) {
      String log = retrainKilledAt(step, config);
      assertTrue(log.contains(step), "the run reached " + step + " before it was killed:\n" + JobProcess.tail(log));
      moved |= step.contains("@champion");
      ModelAliases.State state = aliases().state();
      AliasHistory.assertConsistent(state);
      String champion = state.alias(ModelAliases.CHAMPION).version().orElseThrow();
      assertEquals(!moved, champion.equals("v1"), "champion after a kill at '" + step + "': " + state.aliases());
    }

    CliRun last = CliRun.runWithSpark("retrain", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(0, last.code(), last.out() + last.err());
    ModelAliases.State state = aliases().state();
    AliasHistory.assertConsistent(state);
    String champion = state.alias(ModelAliases.CHAMPION).version().orElseThrow();
    assertTrue(!champion.equals("v1"), "the challenger won: " + state.aliases());
    List<ModelAliases.Event> promotions = state.events().stream()
        .filter(e -> ModelAliases.CHAMPION.equals(e.alias()) && e.aliasSeq() != null && e.version().equals(champion))
        .toList();
    assertEquals(1, promotions.size(), "one promotion: " + promotions);
    String decision = promotions.get(0).details().get("decision_id");
    assertEquals(1, state.events().stream().filter(e -> e.eventId().equals(decision)).count());
    assertEquals(1, state.events().stream().filter(e -> ModelAliases.ARCHIVED.equals(e.event())
        && decision.equals(e.details().get("decision_id"))).count(), "v1 archived once");
  }

  /** Runs retrain in its own JVM and kills it (SIGKILL, whole tree) when its stderr shows {@code step}. */
  private String retrainKilledAt(String step, String config) {
    return JobProcess.start(work, "retrain-" + Math.abs(step.hashCode()), "retrain", "--taxi", "green",
        "--month", "2021-04", "--config", config).killWhenLogged(step, Duration.ofMinutes(15));
  }

  private ModelAliases aliases() {
    return AliasHistory.aliases(work.resolve("tables"));
  }
}
