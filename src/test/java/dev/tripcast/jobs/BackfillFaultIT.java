package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.config.RunInfo;
import dev.tripcast.ingest.TaxiType;
import dev.tripcast.model.ModelRef;
import dev.tripcast.testing.CliRun;
import dev.tripcast.testing.JobProcess;
import dev.tripcast.testing.MonthRows;
import dev.tripcast.testing.RunsTable;
import dev.tripcast.testing.SmallCourseWarehouse;
import dev.tripcast.testing.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 of {@code tripcast backfill --from 2021-02 --to 2021-04} between and inside its months
 * (fault injection, {@code make faults}). Each process is the packaged launcher in its own JVM,
 * killed (SIGKILL, whole tree) the moment its log shows the N-th commit of a table; the kills
 * accumulate on one warehouse:
 *
 * <ol>
 *   <li>after the first month's last commit ({@code data_quality} of 2021-02): 2021-02 equals a
 *       clean run's rows, 2021-03 and 2021-04 hold nothing;
 *   <li>after the second month's {@code scored_trips} commit: 2021-02 still equals the clean run,
 *       2021-03 is half-written and {@code report} refuses it (exit 2) naming the repair;
 *   <li>after the third month's {@code data_quality} commit, the backfill's last table commit
 *       (only its {@code runs} row is left): every month equals the clean run;
 *   <li>a re-run (in the test JVM: only the kills need a JVM of their own): exit 0, naming the
 *       dead runs; the three months equal those of a clean backfill into an untouched warehouse;
 *       the killed runs stay {@code running}, the re-run succeeded.
 * </ol>
 *
 * <p>Months, model and config: {@link SmallCourseWarehouse}.
 */
class BackfillFaultIT {
  private static final int TRIPS = 30;
  private static final Duration LIMIT = Duration.ofMinutes(15); // one backfill; under a minute on a quiet machine
  private static final List<String> MONTHS = List.of("2021-02", "2021-03", "2021-04");
  private static final String TRIPS_COMMITTED = "Warehouse: committed scored_trips";
  private static final String QUALITY_COMMITTED = "Warehouse: committed data_quality";

  @TempDir Path work;

  @Test
  void killedBetweenAndInsideItsMonthsNoCommittedMonthIsLostAndARerunConverges() throws Exception {
    SmallCourseWarehouse warehouse = SmallCourseWarehouse.create(work, TRIPS);
    Path tables = warehouse.tables();
    String config = warehouse.config();
    Path cleanTables = work.resolve("clean-tables");
    BackfillJob.run(RunContext.open(TestSpark.session(), warehouse.withTables(cleanTables), RunInfo.start("backfill")),
        new BackfillJob.Request(TaxiType.GREEN,
        MONTHS.stream().map(YearMonth::parse).toList(), ModelRef.latest(), false), (r, p) -> {});
    List<List<String>> clean = MONTHS.stream().map(m -> MonthRows.committed(cleanTables, m)).toList();
    List<String> killed = new ArrayList<>();

    killed.add(backfillKilledAt(QUALITY_COMMITTED, 1, config));
    assertEquals(clean.get(0), MonthRows.committed(tables, "2021-02"), "2021-02 after a kill at its last commit");
    assertEquals(List.of(0L, 0L, 0L), MonthRows.counts(tables, "2021-03"), "2021-03 not started");
    assertEquals(List.of(0L, 0L, 0L), MonthRows.counts(tables, "2021-04"), "2021-04 not started");

    killed.add(backfillKilledAt(TRIPS_COMMITTED, 2, config));
    assertEquals(clean.get(0), MonthRows.committed(tables, "2021-02"), "2021-02 re-scored before the kill");
    assertEquals(List.of((long) TRIPS, 0L, 0L), MonthRows.counts(tables, "2021-03"), "trips, report rows, quality rows");
    CliRun refused = CliRun.runWithSpark("report", "--taxi", "green", "--month", "2021-03", "--config", config);
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.singleErrorLine().startsWith("[ERROR] green 2021-03 is half-written: scored_trips holds 30 "
        + "trips scored by v1, error_report has no rows for v1"), refused.singleErrorLine());
    assertTrue(refused.singleErrorLine().endsWith("re-run 'tripcast score --taxi green --month 2021-03' to repair it"),
        refused.singleErrorLine());

    killed.add(backfillKilledAt(QUALITY_COMMITTED, 3, config));
    for (int i = 0; i < MONTHS.size(); i++) {
      assertEquals(clean.get(i), MonthRows.committed(tables, MONTHS.get(i)), MONTHS.get(i) + " after its last commit");
    }

    CliRun rerun = CliRun.runWithSpark("backfill", "--taxi", "green", "--from", "2021-02", "--to", "2021-04",
        "--config", config);
    assertEquals(0, rerun.code(), rerun.out() + rerun.err());
    Map<String, String> status = RunsTable.statuses(tables, "backfill");
    for (String dead : killed) {
      if (status.get(dead).equals("running")) { // the last kill may land after the run ended its row
        assertTrue(rerun.out().contains("note: run " + dead + " of the same job and key"), dead + "\n" + rerun.out());
      }
    }
    for (int i = 0; i < MONTHS.size(); i++) {
      assertEquals(clean.get(i), MonthRows.committed(tables, MONTHS.get(i)), MONTHS.get(i) + " re-run against a clean run");
    }
    assertEquals(List.of("running", "running"), killed.subList(0, 2).stream().map(status::get).toList(),
        "the runs killed before their last commit stay 'running': " + status);
    Map<String, String> others = new TreeMap<>(status);
    killed.forEach(others::remove);
    assertEquals(List.of("succeeded"), List.copyOf(others.values()), "the re-run, the one run not killed: " + status);
  }

  /**
   * Starts the backfill of 2021-02..04 in its own JVM and kills it when its log shows {@code step}
   * for the {@code occurrence}-th time (one commit of each table per month).
   *
   * @return the killed run's id
   */
  private String backfillKilledAt(String step, int occurrence, String config) {
    String log = JobProcess.start(work, "backfill-" + step.replaceAll("\\W+", "_") + "-" + occurrence, "backfill",
        "--taxi", "green", "--from", "2021-02", "--to", "2021-04", "--config", config)
        .killWhenLogged(step, occurrence, LIMIT);
    assertEquals(occurrence, JobProcess.occurrences(log, step), "the run reached " + step + " #" + occurrence
        + " before it was killed:\n" + JobProcess.tail(log));
    return JobProcess.runId(log);
  }
}
