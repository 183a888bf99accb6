package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.MonthRows;
import dev.tripcast.testing.SmallCourseWarehouse;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of {@code tripcast score} at its steps (fault injection, {@code make faults}). The
 * process is the packaged launcher in its own JVM, killed (SIGKILL, whole tree) the moment its log
 * shows a step; the kills accumulate on one warehouse, as repeated failures of a nightly job would:
 *
 * <ol>
 *   <li>a re-score of the committed 2021-03, killed before its first commit, then after its
 *       {@code scored_trips} commit: the month keeps exactly what the clean run committed;
 *   <li>a first score of 2021-04 killed after its {@code scored_trips} commit: {@code report}
 *       refuses the month (exit 2) naming the half-written month and the repair, and the HTML report
 *       of 2021-03..04 shows the same line in a warning box for 2021-04 alone;
 *   <li>a second score of 2021-04 killed after its {@code error_report} commit: {@code report}
 *       shows the figures with the {@code [WARN] … half-written …} line (exit 0), and the HTML
 *       report the same line;
 *   <li>a re-run of 2021-04 (in the test JVM: only the kills need a JVM of their own): exit 0,
 *       it names the two dead runs, the month equals what a clean run writes (a score of 2021-04
 *       into a second, untouched warehouse), and the four killed runs stay {@code running} in the
 *       runs table;
 *   <li>with a v2 trained, a {@code score --shadow v2} of 2021-03 killed after its
 *       {@code shadow_trips} commit (v2's error report not written): the served rows stay as
 *       committed; a re-run (in the test JVM) names the dead run and leaves 2021-03, served and
 *       shadow rows, equal to a clean shadow score's.
 * </ol>
 *
 * <p>Months, model and config: {@link SmallCourseWarehouse}; each process is mostly JVM and Spark
 * start-up. A kill after the last commit is tried by {@link BackfillFaultIT}.
 */
class ScoreFaultIT {
  private static final int TRIPS = 30;
  private static final Duration LIMIT = Duration.ofMinutes(15); // one score process; under 1 min on a quiet machine
  /** The step a run has reached when its log shows the line; the run is killed there. */
  private static final String BEFORE_FIRST_COMMIT = "ScoreJob: scoring";       // model and month loaded
  private static final String AFTER_TRIPS = "Warehouse: committed scored_trips";   // report and quality not
  private static final String AFTER_REPORT = "Warehouse: committed error_report";  // quality not
  private static final String AFTER_SHADOW_TRIPS = "Warehouse: committed shadow_trips"; // shadow's report not

  @TempDir Path work;

  @Test
  void killedAtEveryStepNoCommittedRowIsLostAndARerunConvergesToACleanRun() throws Exception {
    SmallCourseWarehouse warehouse = SmallCourseWarehouse.create(work, TRIPS);
    Path tables = warehouse.tables();
    String config = warehouse.config();
    ScoreJob.run(RunContext.open(TestSpark.session(), warehouse.settings(), RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN, YearMonth.of(2021, 3),
        ModelRef.latest()));
    Path cleanTables = work.resolve("clean-tables");
    ScoreJob.run(RunContext.open(TestSpark.session(), warehouse.withTables(cleanTables), RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN,
        YearMonth.of(2021, 4), ModelRef.latest()));
    List<String> clean03 = MonthRows.committed(tables, "2021-03");
    List<String> clean04 = MonthRows.committed(cleanTables, "2021-04");
    assertEquals(TRIPS + 1 + 1, clean03.stream().filter(r -> !r.startsWith("error_report") || r.contains(",overall,"))
        .count(), "a clean month: 30 trips, one overall report row, one quality row\n" + clean03);
    List<String> killed = new ArrayList<>();

    for (String step : List.of(BEFORE_FIRST_COMMIT, AFTER_TRIPS)) {
      killed.add(scoreKilledAt("2021-03", step, config));
      assertEquals(clean03, MonthRows.committed(tables, "2021-03"), "2021-03 after a kill at '" + step + "'");
    }

    killed.add(scoreKilledAt("2021-04", AFTER_TRIPS, config));
    assertEquals(List.of((long) TRIPS, 0L, 0L), MonthRows.counts(tables, "2021-04"), "trips, report rows, quality rows");
    CliRun refused = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertEquals("[ERROR] " + halfWritten("error_report has no rows for v1, data_quality has no score rows"),
        refused.singleErrorLine());
    assertEquals(List.of(halfWritten("error_report has no rows for v1, data_quality has no score rows")),
        htmlWarnings(config), "the HTML report of 2021-03..04 flags 2021-04 only");

    killed.add(scoreKilledAt("2021-04", AFTER_REPORT, config));
    assertEquals(List.of((long) TRIPS, 1L, 0L), MonthRows.counts(tables, "2021-04"), "trips, overall rows, quality rows");
    CliRun warned = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(0, warned.code(), warned.out() + warned.err());
    assertTrue(warned.out().lines().anyMatch(l -> l.equals("[WARN] " + halfWritten(
        "error_report's overall row counts 30, data_quality has no score rows"))), warned.out());
    assertEquals(List.of(halfWritten("error_report's overall row counts 30, data_quality has no score rows")),
        htmlWarnings(config), "the HTML report of 2021-03..04 flags 2021-04 only");

    CliRun rerun = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(0, rerun.code(), rerun.out() + rerun.err());
    for (String dead : killed.subList(2, 4)) {
      assertTrue(rerun.out().contains("note: run " + dead + " of the same job and key"), dead + "\n" + rerun.out());
    }
    assertEquals(clean04, MonthRows.committed(tables, "2021-04"), "2021-04 re-run against a clean run");
    assertEquals(clean03, MonthRows.committed(tables, "2021-03"), "2021-03 untouched by 2021-04's runs");
    CliRun repaired = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-04", "--config", config);
    assertEquals(0, repaired.code(), repaired.err());
    assertTrue(!repaired.out().contains("half-written"), repaired.out());
    assertEquals(List.of(), htmlWarnings(config), "the HTML report after the repair");

    List<String> running = TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .where("job = 'score' AND status = 'running'").select("run_id").orderBy("run_id").collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    assertEquals(killed.stream().sorted().toList(), running, "each killed run stays 'running' in the runs table");
    assertEquals(1, TestSpark.session().read().format("delta").load(tables.resolve("runs").toString())
        .where("job = 'score' AND status = 'succeeded' AND exit_code = 0").count(), "the re-run succeeded");

    // A score with a shadow model, killed after its shadow_trips commit (its error_report rows of the
    // shadow version not written), then re-run: the served month stays as committed, and the re-run
    // leaves both models' rows equal to a clean shadow score's.
    TrainJob.run(RunContext.open(TestSpark.session(), warehouse.settings(), RunInfo.start("train")),
        new TrainJob.Request(TaxiType.GREEN,
        List.of(YearMonth.of(2021, 2)), List.of(YearMonth.of(2021, 3))));
    ScoreJob.run(RunContext.open(TestSpark.session(), warehouse.withTables(cleanTables), RunInfo.start("score")),
        new ScoreJob.Request(TaxiType.GREEN,
        YearMonth.of(2021, 3), new ModelRef.Version(1), Optional.of(new ModelRef.Version(2))));
    List<String> cleanShadow03 = MonthRows.committed(cleanTables, "2021-03");
    String shadowKilled = JobProcess.runId(JobProcess.start(work, "score-2021-03-shadow", "score", "--taxi", "green",
        "--month", "2021-03", "--shadow", "v2", "--config", config).killWhenLogged(AFTER_SHADOW_TRIPS, LIMIT));
    assertEquals(clean03, MonthRows.committed(tables, "2021-03").stream().filter(r -> !r.startsWith("shadow_trips"))
        .toList(), "2021-03's served rows after a kill inside its shadow scoring");
    assertEquals(TRIPS, MonthRows.committed(tables, "2021-03").stream().filter(r -> r.startsWith("shadow_trips")).count(),
        "v2's trips committed before the kill");
    CliRun shadowRerun = CliRun.runWithSpark("score", "--taxi", "green", "--month", "2021-03", "--shadow", "v2",
        "--config", config);
    assertEquals(0, shadowRerun.code(), shadowRerun.out() + shadowRerun.err());
    assertTrue(shadowRerun.out().contains("note: run " + shadowKilled + " of the same job and key"), shadowRerun.out());
    assertEquals(cleanShadow03, MonthRows.committed(tables, "2021-03"), "2021-03 with v2 in shadow, against a clean run");
  }

  /**
   * Writes the HTML report of 2021-03..2021-04 with {@code tripcast report --html} and returns the
   * text of its warning boxes, unescaped.
   */
  private List<String> htmlWarnings(String config) throws java.io.IOException {
    Path html = work.resolve("report.html");
    CliRun run = CliRun.runWithSpark("report", "--taxi", "green", "--from", "2021-03", "--to", "2021-04", "--html",
        html.toString(), "--config", config);
    assertEquals(0, run.code(), run.out() + run.err());
    Matcher box = Pattern.compile("<p class=\"warning\" role=\"alert\"><strong>Warning:</strong> ([^<]*)</p>")
        .matcher(Files.readString(html));
    List<String> lines = new ArrayList<>();
    while (box.find()) {
      lines.add(box.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
          .replace("&amp;", "&"));
    }
    return lines;
  }

  private static String halfWritten(String detail) {
    return "green 2021-04 is half-written: scored_trips holds 30 trips scored by v1, " + detail + "; a score run died "
        + "between its commits (its runs row still says running): re-run 'tripcast score --taxi green --month "
        + "2021-04' to repair it";
  }

  /**
   * Starts {@code score} of {@code month} in its own JVM and kills it when its log shows
   * {@code step}.
   *
   * @return the killed run's id
   */
  private String scoreKilledAt(String month, String step, String config) {
    String log = JobProcess.start(work, "score-" + month + "-" + step.replaceAll("\\W+", "_"), "score", "--taxi",
        "green", "--month", month, "--config", config).killWhenLogged(step, LIMIT);
    assertTrue(log.contains(step), "the run reached " + step + " before it was killed:\n" + JobProcess.tail(log));
    return JobProcess.runId(log);
  }
}
