package dev.tripcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tripcast.errors.TripcastException;
import dev.tripcast.ingest.MonthNotFoundException;
import dev.tripcast.jobs.BackfillStoppedException;
import dev.tripcast.jobs.ShadowIsServingException;
import dev.tripcast.model.AliasNotSetException;
import dev.tripcast.model.NoTrainedModelException;
import dev.tripcast.model.NothingToRollBackException;
import dev.tripcast.monitoring.NoReferenceProfileException;
import dev.tripcast.monitoring.NothingScoredException;
import dev.tripcast.reports.NoReportException;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lines the CLI prints after {@code [ERROR] } for failures whose fix is a tripcast command:
 * the thrown exception names the problem, {@link Hints} appends the command.
 */
class HintsTest {
  private static final YearMonth FEB = YearMonth.of(2021, 2);
  private static final YearMonth MAR = YearMonth.of(2021, 3);

  @Test
  void noTrainedModel() {
    assertEquals("no trained model under file:/m/trip-duration (run 'tripcast train' first or check paths.model-root)",
        Hints.line(new NoTrainedModelException("file:/m/trip-duration")));
  }

  @Test
  void aliasNotSet() {
    assertEquals("model trip-duration has no version with alias @challenger (versions: v1, v2); set it with"
        + " 'tripcast models promote vN --alias challenger --reason ...'",
        Hints.line(new AliasNotSetException("trip-duration", "challenger", List.of("v1", "v2"))));
  }

  @Test
  void nothingToRollBack() {
    assertEquals("model trip-duration: @champion is not set and has no earlier version to roll back to (see"
        + " 'tripcast models show champion')",
        Hints.line(new NothingToRollBackException("trip-duration", "champion", null)));
  }

  @Test
  void shadowIsServing() {
    assertEquals("--shadow v2 is v2, the model scoring the month: a shadow model must be another version"
        + " (see 'tripcast models list')", Hints.line(new ShadowIsServingException("v2", "v2")));
  }

  @Test
  void noReport() {
    assertEquals("no error report for green 2021-02 in file:/w/tables/error_report (run 'tripcast score --taxi green"
        + " --month 2021-02' first or check paths.warehouse-root)",
        Hints.line(new NoReportException("green", FEB, "file:/w/tables/error_report")));
  }

  @Test
  void nothingScored() {
    assertEquals("no scored_trips rows for green 2021-02 scored by model any: run tripcast score for that month first",
        Hints.line(new NothingScoredException("green", FEB, "any", "scored_trips")));
  }

  @Test
  void noReferenceProfile() {
    assertEquals("file:/m/trip-duration/v1 has no reference_profile.json, so it cannot be monitored: train a new"
        + " version (tripcast train or retrain) to get one",
        Hints.line(new NoReferenceProfileException("file:/m/trip-duration/v1")));
  }

  @Test
  void aStoppedBackfillAddsItsMonthsHintThenWhereToResume() {
    BackfillStoppedException stopped = new BackfillStoppedException("green", MAR, List.of(FEB), List.of(),
        new NoReportException("green", MAR, "file:/w/tables/error_report"));

    assertEquals("backfill of green stopped at 2021-03 after 1 of 2 months (done: 2021-02; not started: none):"
        + " no error report for green 2021-03 in file:/w/tables/error_report (run 'tripcast score --taxi green"
        + " --month 2021-03' first or check paths.warehouse-root); fix it and resume with --from 2021-03"
        + " (re-running a done month replaces it)", Hints.line(stopped));
  }

  @Test
  void aFailureWhoseMessageNamesItsFixGetsNoHint() {
    TripcastException missing = new MonthNotFoundException("green", FEB, "file:/d/green_tripdata_2021-02.parquet");

    assertEquals(missing.getMessage(), Hints.line(missing));
    assertEquals("no green trip file for month 2021-02: file:/d/green_tripdata_2021-02.parquet does not exist"
        + " (check paths.data-root or the month)", Hints.line(missing));
  }
}
