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
  void oneRunAtATimeNoCatchUpTheNightThenAnEscalationOnlyForAVerdict() throws IOException {
    JsonNode dag = render("2021-03-01T06:15:00+00:00");

    assertEquals("tripcast_nightly", dag.get("dag_id").asText());
    assertEquals("15 6 * * *", dag.get("schedule").asText());
    assertEquals(1, dag.get("max_active_runs").asInt());
    assertTrue(dag.get("catchup").isBoolean() && !dag.get("catchup").asBoolean());
    assertEquals(2, dag.get("retries").asInt());
    assertEquals(900.0, dag.get("retry_delay_seconds").asDouble());
    assertEquals(List.of("nightly_month", "escalate_month"), taskIds(dag));
    JsonNode nightly = dag.get("tasks").get(0);
    JsonNode escalate = dag.get("tasks").get(1);
    assertEquals("[]", nightly.get("upstream").toString());
    assertEquals("[\"nightly_month\"]", escalate.get("upstream").toString());
    // nightly's verdicts (RMSE above --max-rmse, data drift, performance breached) skip it, which runs the escalation.
    assertEquals("[4,7,8]", nightly.get("skip_on_exit_code").toString());
    assertEquals(2, nightly.get("retries").asInt());
    assertEquals("all_skipped", escalate.get("trigger_rule").asText());
    assertEquals(0, escalate.get("retries").asInt());
    assertTrue(dag.get("doc").asText().contains("Backfill:"), "the DAG documents how to backfill");
  }

  @ParameterizedTest
  @CsvSource({"2021-03-01T06:15:00+00:00, 2021-02", "2021-03-31T06:15:00+00:00, 2021-02",
      "2021-01-15T06:15:00+00:00, 2020-12", "2024-03-31T06:15:00+00:00, 2024-02"})
  void theRunForDateDRunsTheNightOfTheMonthBeforeD(String intervalEnd, String month) throws IOException {
    JsonNode dag = render(intervalEnd);

    assertEquals(REPO + "/jobs/tripcast-submit --master yarn --deploy-mode client --config " + REPO
        + "/conf/cluster.conf nightly --taxi green --month " + month + " --max-rmse 10 --html " + REPO + "/reports/green-"
        + month + ".html", command(dag, 0));
  }

  @ParameterizedTest
  @CsvSource({"2021-05-02T06:15:00+00:00, 2021-04, true", "2021-05-03T06:15:00+00:00, 2021-04, false",
      "2021-05-01T06:15:00+00:00, 2021-04, false"})
  void onlyTheNightOfDayTwoRetrainsWhateverTheChecksSay(String intervalEnd, String month, boolean always)
      throws IOException {
    String command = command(render(intervalEnd), 0);

    assertEquals(always, command.contains(" nightly --taxi green --month " + month + " --retrain always --max-rmse "),
        command);
  }

  @Test
  void eachTaskCommandIsAcceptedByTheLaunchersDryRun() throws IOException {
    JsonNode dag = render("2021-05-02T06:15:00+00:00");

    String nightly = command(dag, 0).replaceFirst("/jobs/tripcast-submit ", "/jobs/tripcast-submit --dry-run ");
    Processes.Result r = Processes.run(List.of("bash", "-c", nightly), noSparkHome(), tmp, TIMEOUT);
    assertEquals(0, r.exitCode(), nightly + ": " + r.describe());
    assertTrue(r.stderr().startsWith("dry run: would run the night of green 2021-04: score, monitor, retrain (always)"),
        r.stderr());
    List<String> argv = Processes.bashWords(r.stdout().trim());
    assertEquals(List.of("--master", "yarn", "--deploy-mode", "client"),
        argv.subList(argv.indexOf("--master"), argv.indexOf("--master") + 4), r.stdout());
    List<String> expectedJob = List.of(Packaged.jar().toString(), "nightly", "--taxi", "green", "--month", "2021-04",
        "--retrain", "always", "--max-rmse", "10", "--html", REPO + "/reports/green-2021-04.html",
        "--config", REPO.resolve("conf/cluster.conf").toString());
    assertEquals(expectedJob, argv.subList(argv.size() - expectedJob.size(), argv.size()), r.stdout());

    // The escalation prints the month's fired checks through `tripcast sql`, then fails the task.
    String escalate = command(dag, 1).replace("/jobs/tripcast-submit ", "/jobs/tripcast-submit --dry-run ");
    Processes.Result e = Processes.run(List.of("bash", "-c", escalate), noSparkHome(), tmp, TIMEOUT);
    assertEquals(1, e.exitCode(), escalate + ": " + e.describe());
    assertTrue(e.stdout().startsWith("green 2021-04: nightly ended in a verdict"), e.stdout());
    assertTrue(e.stderr().contains("dry run: would "), e.stderr());
    List<String> sql = Processes.bashWords(e.stdout().lines().skip(1).findFirst().orElseThrow().trim());
    String query = sql.get(sql.indexOf("sql") + 1);
    assertTrue(query.startsWith("SELECT model_version, rule, level, action, round(value, 4) AS value, threshold, status"
        + " FROM checks WHERE taxi_type = 'green' AND month = '2021-04' AND status IN ('warn', 'error')"), query);
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
    for (String unset : List.of("TRIPCAST_CONFIG", "TRIPCAST_MASTER", "TRIPCAST_TAXI", "TRIPCAST_MAX_RMSE",
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
