package dev.tripcast.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tripcast.errors.ExitCode;
import dev.tripcast.ingest.MonthNotFoundException;
import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stopped backfill takes the failed month's exit code and names the months done, the month and why. */
class BackfillStoppedExceptionTest {
  private static final YearMonth MARCH = YearMonth.of(2021, 3);
  private static final YearMonth APRIL = YearMonth.of(2021, 4);
  private static final YearMonth MAY = YearMonth.of(2021, 5);

  @Test
  void aBackfillStoppedByAFullDiskExitsNineWithTheLine() {
    BackfillStoppedException stopped = new BackfillStoppedException("green", APRIL, List.of(MARCH), List.of(),
        new RuntimeException("[TASK_WRITE_FAILED] Task failed while writing rows to file:/w/tables/scored_trips.",
            new IOException("No space left on device")));

    assertEquals(ExitCode.STORAGE_FULL, stopped.exitCode());
    assertTrue(stopped.getMessage().contains("stopped at 2021-04 after 1 of 2 months (done: 2021-03; not started: none):"
        + " no space left on the device of file:/w/tables/scored_trips: "), stopped.getMessage());
  }

  @Test
  void aMonthsOwnErrorKeepsItsCodeAndEndsTheMessage() {
    MonthNotFoundException missing = new MonthNotFoundException("green", APRIL, "file:/d/green_tripdata_2021-04.parquet");
    BackfillStoppedException stopped = new BackfillStoppedException("green", APRIL, List.of(MARCH), List.of(MAY), missing);

    assertEquals(ExitCode.INVALID_INPUT, stopped.exitCode());
    assertEquals("backfill of green stopped at 2021-04 after 1 of 3 months (done: 2021-03; not started: 2021-05): "
        + missing.getMessage(), stopped.getMessage());
    assertEquals(APRIL, stopped.failed());
    assertEquals(List.of(MAY), stopped.notStarted());
  }

  @Test
  void anUnexpectedFailureIsNamedAsSuch() {
    BackfillStoppedException stopped = new BackfillStoppedException("green", MARCH, List.of(), List.of(APRIL),
        new IllegalStateException("boom\n\tat somewhere"));

    assertEquals(ExitCode.INTERNAL_ERROR, stopped.exitCode());
    assertTrue(stopped.getMessage().endsWith(": unexpected failure: java.lang.IllegalStateException: boom"),
        stopped.getMessage());
  }
}
