package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.TestSettings;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jobs/cron/tripcast-nightly} with a stand-in for {@code jobs/tripcast-submit}
 * ({@code TRIPCAST_SUBMIT}: a script that logs its arguments with start and end times, sleeps,
 * and exits with a chosen code), so two runs can overlap in a second or two.
 */
class CronWrapperIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Path CONFIG = TestSettings.repoDir().resolve("conf/local.conf");

  @TempDir Path tmp;
  private Path calls;
  private Path logs;

  @BeforeEach
  void writeFakeSubmit() throws IOException {
    calls = tmp.resolve("calls.txt");
    logs = tmp.resolve("logs");
    Path fake = tmp.resolve("fake-submit");
    Files.writeString(fake, String.join("\n",
        "#!/usr/bin/env bash",
        "echo \"start $(date +%s.%N) $*\" >> " + calls,
        "sleep \"${FAKE_SLEEP:-0}\"",
        "echo \"end $(date +%s.%N) $*\" >> " + calls,
        "exit \"${FAKE_EXIT:-0}\"", ""));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void byDefaultScoresThenReportsTheMonthBeforeTheRunDateAndLogsToADatedFile() throws IOException {
    Processes.Result r = wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-03-01", "TRIPCAST_MAX_RMSE", "9.5"));

    assertEquals(0, r.exitCode(), r.describe());
    assertEquals(List.of(
        "start --master local[2] --config " + CONFIG + " nightly --taxi green --month 2021-02 --max-rmse 9.5 --html "
            + TestSettings.repoDir().resolve("warehouse/reports/green-2021-02.html")),
        starts());
    List<String> log = Files.readAllLines(logs.resolve("tripcast-nightly-2021-03-01.log"));
    assertTrue(log.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ pid \\d+: night of green 2021-02"), log.get(0));
    assertTrue(log.get(log.size() - 2).endsWith(": HTML report of green 2021-02: "
        + TestSettings.repoDir().resolve("warehouse/reports/green-2021-02.html")), log.toString());
    assertTrue(log.get(log.size() - 1).endsWith(": done green 2021-02"), log.toString());
    assertEquals("", r.stdout() + r.stderr(), "everything goes to the dated log");
  }

  @Test
  void theMonthBeforeJanuaryIsDecemberAndTodayIsTheDefaultRunDate() throws IOException {
    assertEquals(0, wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-01-31")).exitCode());
    assertEquals(0, wrapper(Map.of()).exitCode());

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<String> months = starts().stream().filter(l -> l.contains(" nightly ")).map(l -> l.replaceAll(".* --month (\\S+).*", "$1")).toList();
    assertEquals(List.of("2020-12", YearMonth.from(today).minusMonths(1).toString()), months);
    assertTrue(Files.exists(logs.resolve("tripcast-nightly-" + today + ".log")));
  }

  @Test
  void aSecondRunWhileTheFirstHoldsTheLockExits75AtOnceAndDoesNothing() throws Exception {
    Process first = start(Map.of("TRIPCAST_RUN_DATE", "2021-03-01", "FAKE_SLEEP", "2"));
    Processes.Result second;
    try {
      awaitCalls(1);
      second = wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-03-01"), "2021-01");
      assertTrue(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } finally {
      Processes.killTree(first.toHandle());
    }

    assertEquals(75, second.exitCode(), second.describe());
    assertTrue(second.took().toMillis() < 2_000, "did not wait: " + second.took());
    assertTrue(second.stderr().matches("(?s)\\S+ pid \\d+: another tripcast-nightly run holds " + logs.resolve("tripcast-nightly.lock")
        + "; green 2021-01 not started \\(exit 75\\)\\n"), second.stderr());
    assertEquals(0, first.exitValue());
    assertTrue(starts().stream().noneMatch(l -> l.contains("2021-01")), "the second run submitted nothing: " + starts());
    assertTrue(Files.readString(logs.resolve("tripcast-nightly-2021-03-01.log")).contains("green 2021-01 not started (exit 75)"));
  }

  @Test
  void withALockWaitTheSecondRunStartsWhenTheFirstEnds() throws Exception {
    Map<String, String> env = Map.of("TRIPCAST_RUN_DATE", "2021-03-01", "FAKE_SLEEP", "1", "TRIPCAST_LOCK_WAIT_SECONDS", "30");
    Process first = start(env, "2021-02");
    Processes.Result second;
    try {
      awaitCalls(1);
      second = wrapper(env, "2021-03");
      assertTrue(first.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } finally {
      Processes.killTree(first.toHandle());
    }

    assertEquals(0, second.exitCode(), second.describe());
    assertEquals(0, first.exitValue());
    List<String> order = Files.readAllLines(calls).stream()
        .map(l -> l.split(" ")[0] + " " + l.replaceAll(".* --month (\\S+).*", "$1")).toList();
    assertEquals(List.of("start 2021-02", "end 2021-02", "start 2021-03", "end 2021-03"), order,
        "never overlapping: " + Files.readAllLines(calls));
  }

  @Test
  void aFailedNightIsLoggedAndReturnsItsExitCode() throws IOException {
    Processes.Result r = wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-03-01", "FAKE_EXIT", "3"));

    assertEquals(3, r.exitCode(), r.describe());
    assertEquals(1, starts().size(), starts().toString());
    assertTrue(Files.readString(logs.resolve("tripcast-nightly-2021-03-01.log")).contains(": nightly of green 2021-02 failed (exit 3)"));
  }

  @Test
  void onTheRetrainDayTheNightRetrainsWhateverTheChecksSayAndOtherDaysOnlyWhenAsked() throws IOException {
    assertEquals(0, wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-05-02", "TRIPCAST_RETRAIN_DAY", "2")).exitCode());
    assertEquals(0, wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-05-03", "TRIPCAST_RETRAIN_DAY", "2")).exitCode());

    List<String> starts = starts();
    assertTrue(starts.get(0).contains(" nightly --taxi green --month 2021-04 --retrain always --html "), starts.toString());
    assertTrue(starts.get(1).contains(" nightly --taxi green --month 2021-04 --html "), starts.toString());
    assertTrue(Files.readString(logs.resolve("tripcast-nightly-2021-05-02.log"))
        .contains(": night of green 2021-04 (day 2 of the month: retrain whatever the checks say)"));
  }

  @Test
  void driftOrABreachLeftAfterTheNightRunsTheAlertHookAndExitsWithItsCode() throws IOException {
    Path hook = tmp.resolve("on-alert");
    Path alerted = tmp.resolve("alerted.txt");
    Files.writeString(hook, "#!/usr/bin/env bash\necho \"$*\" >> " + alerted + "\n");
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));

    for (String code : List.of("7", "8")) {
      Processes.Result r = wrapper(Map.of("TRIPCAST_RUN_DATE", "2021-05-03", "FAKE_EXIT", code,
          "TRIPCAST_ON_ALERT", hook.toString()));
      assertEquals(Integer.parseInt(code), r.exitCode(), r.describe());
    }

    assertEquals(List.of("7 green 2021-04", "8 green 2021-04"), Files.readAllLines(alerted));
    String log = Files.readString(logs.resolve("tripcast-nightly-2021-05-03.log"));
    assertTrue(log.contains(": data drift on green 2021-04 after the night's retrain decision (exit 7; see the checks table)"), log);
    assertTrue(log.contains(": performance breached on green 2021-04 after the night's retrain decision (exit 8;"), log);
  }

  @Test
  void aMalformedMonthArgumentIsExitCode2() {
    Processes.Result r = wrapper(Map.of(), "2021-13");

    assertEquals(2, r.exitCode(), r.describe());
    assertEquals("[ERROR] invalid month '2021-13': expected YYYY-MM\n", r.stderr());
  }

  private List<String> starts() throws IOException {
    return Files.readAllLines(calls).stream().filter(l -> l.startsWith("start "))
        .map(l -> "start " + l.substring(l.indexOf(' ', 6) + 1)).toList();
  }

  private void awaitCalls(int n) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(calls) || Files.readAllLines(calls).size() < n) {
      assertTrue(System.nanoTime() < deadline, "the first run never called the submit stand-in");
      Thread.sleep(50);
    }
  }

  private Processes.Result wrapper(Map<String, String> env, String... args) {
    return Processes.run(command(args), environment(env), tmp, TIMEOUT);
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args)).directory(tmp.toFile())
        .redirectOutput(tmp.resolve("first.out").toFile()).redirectError(tmp.resolve("first.err").toFile())
        .redirectInput(new File("/dev/null"));
    environment(env).forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    return pb.start();
  }

  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Packaged.job("cron/tripcast-nightly").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private Map<String, String> environment(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    for (String unset : List.of("TRIPCAST_RUN_DATE", "TRIPCAST_MAX_RMSE", "TRIPCAST_LOCK_WAIT_SECONDS", "TRIPCAST_TAXI",
        "TRIPCAST_LOCK_FILE")) {
      out.put(unset, null);
    }
    out.put("TRIPCAST_SUBMIT", tmp.resolve("fake-submit").toString());
    out.put("TRIPCAST_SUBMIT_OPTS", "--master local[2]");
    out.put("TRIPCAST_CONFIG", CONFIG.toString());
    out.put("TRIPCAST_LOG_DIR", logs.toString());
    out.put("TRIPCAST_RETRAIN_DAY", "0"); // tests that retrain set the day; others must not depend on today's date
    out.putAll(env);
    return out;
  }
}
