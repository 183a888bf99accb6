package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.RecordingWebhook;
import dev.tripcast.testing.SmallCourseWarehouse;
import dev.tripcast.testing.SmallMonths;
import dev.tripcast.testing.TestSpark;
import dev.tripcast.testing.TlcTrip;
import dev.tripcast.testing.WarehouseRows;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 at random instants (fault injection, {@code make chaos}): a sequence of commands over
 * small months, each run as the packaged launcher in its own JVM and killed (SIGKILL, whole tree)
 * at instants drawn from a seeded {@link Random}, each re-run as docs/faults.md says (the same
 * command) until one run completes; then every Delta table equals a clean pass's.
 *
 * <ol>
 *   <li>A clean pass of the sequence into an untouched warehouse measures each command's duration
 *       and is the reference: {@code nightly} of 2021-02 and 2021-03, {@code backfill} of
 *       2021-04..05, {@code nightly} of 2021-06, whose durations are × 1.5 (the monitoring fires,
 *       the alert is posted, retrain is asked).
 *   <li>The same sequence into a second warehouse: each command gets its share of the
 *       {@code tripcast.chaos.kills} kills (default 20), each at an instant uniform within its clean
 *       duration; a run killed is re-run and may be killed by the next instant (a run that ends
 *       before its instant must exit as the clean pass did, and another instant is drawn); after
 *       its last kill the command runs to its end and must exit as the clean pass did.
 *   <li>Every table but {@code runs} equals the clean pass's row for row, per-run columns aside
 *       ({@link WarehouseRows}); every {@code running} row of {@code runs} is a killed process's,
 *       and the runs of each command's completing process succeeded; each alert key reached the
 *       webhook exactly once, the same keys as the clean pass's.
 * </ol>
 *
 * <p>The seed, the number of kills and every instant (command, milliseconds after its start, last
 * log line before the kill) are printed; {@code -Dtripcast.chaos.seed=N} replays a run.
 */
class ChaosKillFaultIT {
  /** System property of the {@link Random} seed; the instants are a function of it and the clean durations. */
  static final String SEED = "tripcast.chaos.seed";
  /** System property of the number of kills over the whole sequence (at least one per command is useful). */
  static final String KILLS = "tripcast.chaos.kills";
  private static final long DEFAULT_SEED = 4242L;
  private static final int DEFAULT_KILLS = 20;
  private static final int TRIPS = 30;
  private static final double SLOWER = 1.5;
  private static final Duration LIMIT = Duration.ofMinutes(15); // one command; well under a minute on a quiet machine
  /** Commands whose exit codes are verdicts, not failures (NightlyJob: 7 data drift, 8 performance breached). */
  private static final Set<Integer> NIGHTLY_OUTCOMES = Set.of(0, 7, 8);
  private static final List<List<String>> COMMANDS = List.of(
      List.of("nightly", "--taxi", "green", "--month", "2021-02"),
      List.of("nightly", "--taxi", "green", "--month", "2021-03"),
      List.of("backfill", "--taxi", "green", "--from", "2021-04", "--to", "2021-05"),
      List.of("nightly", "--taxi", "green", "--month", "2021-06"));

  @TempDir Path work;

  @Test
  void killedAtRandomInstantsEveryCommandConvergesToTheCleanPass() {
    long seed = Long.getLong(SEED, DEFAULT_SEED);
    int kills = Integer.getInteger(KILLS, DEFAULT_KILLS);
    try (RecordingWebhook cleanHook = RecordingWebhook.start(); RecordingWebhook hook = RecordingWebhook.start()) {
      SmallCourseWarehouse clean = warehouse(work.resolve("clean"), cleanHook);
      SmallCourseWarehouse chaos = warehouse(work.resolve("chaos"), hook);

      List<Processes.Result> cleanRuns = new ArrayList<>();
      for (List<String> command : COMMANDS) {
        Processes.Result run = JobProcess.start(work, "clean-" + cleanRuns.size(), args(command, clean)).await(LIMIT);
        assertTrue(outcomes(command).contains(run.exitCode()), String.join(" ", command) + ": " + run.describe());
        cleanRuns.add(run);
      }
      System.out.printf("chaos: seed %d, %d kills (-D%s=%d -D%s=%d replays them); clean durations %s%n", seed, kills,
          SEED, seed, KILLS, kills, cleanRuns.stream().map(r -> r.took().toMillis() + " ms").toList());

      Random random = new Random(seed);
      Set<String> killedRuns = new HashSet<>();
      Map<String, List<String>> lastRuns = new LinkedHashMap<>();
      int landed = 0;
      for (int c = 0; c < COMMANDS.size(); c++) {
        List<String> command = COMMANDS.get(c);
        String line = String.join(" ", command);
        long cleanMillis = cleanRuns.get(c).took().toMillis();
        int share = kills / COMMANDS.size() + (c < kills % COMMANDS.size() ? 1 : 0);
        // A run that ends before its instant is one more completed run; the command draws again until its share landed.
        for (int k = 0, landedHere = 0; landedHere < share; k++) {
          assertTrue(k < 3 * share, line + ": " + k + " runs ended before their instants; the clean pass was slower");
          long instant = random.nextLong(cleanMillis);
          long started = System.nanoTime();
          JobProcess.Ended ended = JobProcess.start(work, "chaos-" + c + "-" + k, args(command, chaos))
              .killAfter(started, Duration.ofMillis(instant));
          if (ended.killed()) {
            landed++;
            landedHere++;
            killedRuns.addAll(ended.runIds());
            System.out.printf("chaos kill %d/%d: %s at %d ms (clean run %d ms); last log line: %s%n", landed, kills,
                line, instant, cleanMillis, ended.lastLogLine());
          } else {
            System.out.printf("chaos: %s exited %d before its instant %d ms%n", line, ended.exitCode(), instant);
            assertEquals(cleanRuns.get(c).exitCode(), ended.exitCode(), line + " ended unlike the clean pass:\n"
                + JobProcess.tail(ended.log()));
          }
        }
        Processes.Result last = JobProcess.start(work, "chaos-" + c + "-last", args(command, chaos)).await(LIMIT);
        assertEquals(cleanRuns.get(c).exitCode(), last.exitCode(), line + " after its kills: " + last.describe());
        lastRuns.put(line, JobProcess.Ended.runIdsOf(last.stderr()));
      }
      assertEquals(kills, landed, "kills that landed on a running process");

      Map<String, List<String>> expected = WarehouseRows.of(clean.tables(), work.resolve("clean"));
      Map<String, List<String>> actual = WarehouseRows.of(chaos.tables(), work.resolve("chaos"));
      assertEquals(expected.keySet(), actual.keySet(), "the same tables as the clean pass");
      for (String table : expected.keySet()) {
        assertEquals(expected.get(table), actual.get(table), table + " differs from the clean pass (seed " + seed + ")");
      }
      runsEndedAsTheyShould(chaos.tables(), killedRuns, lastRuns);
      alertsArrivedOnce(cleanHook.keys(), hook.keys());
    }
  }

  /** {@link SmallCourseWarehouse} with 2021-05 as usual and 2021-06 slower, no maintain step, the webhook given. */
  private SmallCourseWarehouse warehouse(Path root, RecordingWebhook hook) {
    Map<String, List<TlcTrip>> more = new TreeMap<>(Map.of(
        "2021-05", SmallMonths.plausible("2021-05", TRIPS),
        "2021-06", SmallMonths.plausible("2021-06", TRIPS, SLOWER)));
    return SmallCourseWarehouse.create(root, TRIPS, more, "tripcast.maintenance.every = 0", hook.configLine());
  }

  private static String[] args(List<String> command, SmallCourseWarehouse warehouse) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--config", warehouse.config()));
    return args.toArray(String[]::new);
  }

  private static Set<Integer> outcomes(List<String> command) {
    return command.get(0).equals("nightly") ? NIGHTLY_OUTCOMES : Set.of(0);
  }

  /** Only killed processes' runs stay {@code running}; each command's completing process's runs succeeded. */
  private static void runsEndedAsTheyShould(Path tables, Set<String> killedRuns, Map<String, List<String>> lastRuns) {
    Map<String, String> status = new TreeMap<>();
    TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .selectExpr("run_id", "status").collectAsList().forEach(r -> status.put(r.getString(0), r.getString(1)));
    Set<String> running = new TreeSet<>();
    status.forEach((id, s) -> {
      if (s.equals("running")) {
        running.add(id);
      }
    });
    running.removeAll(killedRuns);
    assertEquals(Set.of(), running, "runs left 'running' by a process that was not killed: " + status);
    lastRuns.forEach((command, ids) -> {
      assertTrue(!ids.isEmpty(), command + ": its last run logged no run");
      ids.forEach(id -> assertEquals("succeeded", status.get(id), command + ": run " + id + " of its last process"));
    });
  }

  /** Each alert key reached the webhook once, and the chaos pass posted the clean pass's keys. */
  private static void alertsArrivedOnce(List<String> cleanKeys, List<String> keys) {
    System.out.printf("chaos: alerts received %s (clean pass %s)%n", keys, cleanKeys);
    assertEquals(new HashSet<>(cleanKeys).size(), cleanKeys.size(), "the clean pass posted a key twice: " + cleanKeys);
    assertEquals(new TreeSet<>(cleanKeys), new TreeSet<>(keys), "the alert keys posted");
    assertEquals(new HashSet<>(keys).size(), keys.size(), "an alert key arrived more than once: " + keys);
  }
}
