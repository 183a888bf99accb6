package dev.tripcast.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tripcast.testing.Packaged;
import dev.tripcast.testing.Processes;
import dev.tripcast.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Airflow DAG {@code jobs/airflow/tripcast_nightly.py}, without Airflow (it cannot be
 * installed here): the file compiles, and {@code render_dag.py} (test resources) executes it
 * against recording stubs of the Airflow API and renders each task's command for a sample data
 * interval. The rendered commands must pass the launcher's {@code --dry-run}: the DAG's arguments,
 * {@code conf/cluster.conf} and the month it computes are what tripcast accepts.
 */
class AirflowDagIT {
  private static final Path REPO = TestSettings.repoDir();
  private static final Path DAG = REPO.resolve("jobs/airflow/tripcast_nightly.py");
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path tmp;

  @Test
  void theDagFileIsValidPython() {
    Processes.Result r = Processes.run(List.of("python3", "-m", "py_compile", DAG.toString()),
        Map.of("PYTHONPYCACHEPREFIX", tmp.toString()), REPO, TIMEOUT);
    assertEquals(0, r.exitCode(), r.describe());
  }

  @Test
  void oneRunAtATimeNoCatchUpRetriesWithADelayScoreRetrainRescoreThenReport() throws IOException {
    JsonNode dag = render("2021-03-01T06:15:00+00:00");

    assertEquals("tripcast_nightly", dag.get("dag_id").asText());
    assertEquals("15 6 * * *", dag.get("schedule").asText());
    assertEquals(1, dag.get("max_active_runs").asInt());
    assertTrue(dag.get("catchup").isBoolean() && !dag.get("catchup").asBoolean());
    assertEquals(2, dag.get("retries").asInt());
    assertEquals(900.0, dag.get("retry_delay_seconds").asDouble());
    assertEquals(List.of("score_month", "retrain_month", "rescore_month", "report_month"), taskIds(dag));
    assertEquals("[]", dag.get("tasks").get(0).get("upstream").toString());
    assertEquals("[\"score_month\"]", dag.get("tasks").get(1).get("upstream").toString());
    assertEquals("[\"retrain_month\"]", dag.get("tasks").get(2).get("upstream").toString());
    assertEquals("[\"rescore_month\"]", dag.get("tasks").get(3).get("upstream").toString());
    // retrain's "champion kept" (6) and "not a retrain night" (99) skip it and the rescore; report runs unless a task failed.
    assertEquals("[99,6]", dag.get("tasks").get(1).get("skip_on_exit_code").toString());
    assertEquals("none_failed", dag.get("tasks").get(3).get("trigger_rule").asText());
    assertTrue(dag.get("doc").asText().contains("Backfill:"), "the DAG documents how to backfill");
  }

  @ParameterizedTest
  @CsvSource({"2021-03-01T06:15:00+00:00, 2021-02", "2021-03-31T06:15:00+00:00, 2021-02",
      "2021-01-15T06:15:00+00:00, 2020-12", "2024-03-31T06:15:00+00:00, 2024-02"})
  void theRunForDateDScoresAndReportsTheMonthBeforeD(String intervalEnd, String month) throws IOException {
    JsonNode dag = render(intervalEnd);

    assertEquals(REPO + "/jobs/tripcast-submit --master yarn --deploy-mode client --config " + REPO
        + "/conf/cluster.conf score --taxi green --month " + month, command(dag, 0));
    assertEquals(REPO + "/jobs/tripcast-submit --master yarn --deploy-mode client --config " + REPO
        + "/conf/cluster.conf report --taxi green --month " + month + " --max-rmse 10 --html " + REPO + "/reports/green-"
        + month + ".html", command(dag, 3));
    assertEquals(command(dag, 0), command(dag, 2), "rescore_month is score_month again, with the new champion");
  }

  @ParameterizedTest
  @CsvSource({"2021-05-02T06:15:00+00:00, 2021-04, 0", "2021-05-03T06:15:00+00:00, 2021-04, 99",
      "2021-05-01T06:15:00+00:00, 2021-04, 99"})
  void onlyTheNightOfDayTwoRetrainsOnTheMonthItScores(String intervalEnd, String month, int exitWithoutSpark)
      throws IOException {
    JsonNode dag = render(intervalEnd);
    String command = command(dag, 1);
    assertTrue(command.endsWith("retrain --taxi green --month " + month), command);

    Processes.Result r = Processes.run(List.of("bash", "-c",
        command.replaceFirst("/jobs/tripcast-submit ", "/jobs/tripcast-submit --dry-run ")), noSparkHome(), tmp, TIMEOUT);
    assertEquals(exitWithoutSpark, r.exitCode(), r.describe());
    if (exitWithoutSpark == 0) {
      assertTrue(r.stderr().startsWith("dry run: would retrain a green challenger on the window before " + month), r.stderr());
    } else {
      assertTrue(r.stdout().contains("not a retrain night"), r.stdout());
    }
  }

  @Test
  void eachTaskCommandIsAcceptedByTheLaunchersDryRun() throws IOException {
    JsonNode dag = render("2021-03-01T06:15:00+00:00");

    for (int i : new int[] {0, 3}) {
      String command = command(dag, i).replaceFirst("/jobs/tripcast-submit ", "/jobs/tripcast-submit --dry-run ");
      Processes.Result r = Processes.run(List.of("bash", "-c", command), noSparkHome(), tmp, TIMEOUT);

      assertEquals(0, r.exitCode(), command + ": " + r.describe());
      String job = i == 0 ? "score" : "report";
      assertTrue(r.stderr().startsWith("dry run: would " + job + " green 2021-02"), r.stderr());
      List<String> argv = Processes.bashWords(r.stdout().trim());
      assertEquals(List.of("--master", "yarn", "--deploy-mode", "client"),
          argv.subList(argv.indexOf("--master"), argv.indexOf("--master") + 4), r.stdout());
      List<String> expectedJob = new ArrayList<>(List.of(Packaged.jar().toString(), job, "--taxi", "green", "--month", "2021-02"));
      if (i == 3) {
        expectedJob.addAll(List.of("--max-rmse", "10", "--html", REPO + "/reports/green-2021-02.html"));
      }
      expectedJob.addAll(List.of("--config", REPO.resolve("conf/cluster.conf").toString()));
      assertEquals(expectedJob, argv.subList(argv.size() - expectedJob.size(), argv.size()), r.stdout());
    }
  }

  private static Map<String, String> noSparkHome() {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", null);
    return env;
  }

  /** The DAG as render_dag.py reports it, with TRIPCAST_HOME = this checkout and every other setting at its default. */
  private JsonNode render(String dataIntervalEnd) throws IOException {
    Path script = tmp.resolve("render_dag.py");
    try (var in = AirflowDagIT.class.getResourceAsStream("render_dag.py")) {
      Files.copy(in, script);
    }
    Map<String, String> env = new HashMap<>();
    env.put("TRIPCAST_HOME", REPO.toString());
    for (String unset : List.of("TRIPCAST_CONFIG", "TRIPCAST_MASTER", "TRIPCAST_DEPLOY_MODE", "TRIPCAST_TAXI", "TRIPCAST_MAX_RMSE",
        "TRIPCAST_RETRAIN_DAY")) {
      env.put(unset, null);
    }
    env.put("PYTHONPYCACHEPREFIX", tmp.toString());
    Processes.Result r = Processes.run(List.of("python3", script.toString(), DAG.toString(), dataIntervalEnd), env, tmp, TIMEOUT);
    assertEquals(0, r.exitCode(), r.describe());
    return new ObjectMapper().readTree(r.stdout());
  }

  private static List<String> taskIds(JsonNode dag) {
    List<String> ids = new ArrayList<>();
    dag.get("tasks").forEach(t -> ids.add(t.get("task_id").asText()));
    return ids;
  }

  private static String command(JsonNode dag, int task) {
    return dag.get("tasks").get(task).get("bash_command").asText();
  }
}
