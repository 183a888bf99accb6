package dev.tripcast.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full disk is told apart from other failures wherever it sits in a Spark failure: as a cause
 * (local mode, where the task's exception object reaches the driver) or only as text (a cluster,
 * where the driver gets the executor's stack trace as a string).
 */
class StorageFullTest {
  private static final String WRITING = "[TASK_WRITE_FAILED] Task failed while writing rows to file:/w/tables/scored_trips.";

  @Test
  void aNoSpaceCauseNamesTheTableSparkWasWriting() {
    RuntimeException failure = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 24.0 failed",
        new RuntimeException(WRITING, new IOException("No space left on device")));

    assertEquals(ExitCode.STORAGE_FULL, ExitCode.of(failure));
    assertEquals("no space left on the device of file:/w/tables/scored_trips: nothing of that write was committed;"
        + " free space there and re-run (the re-run replaces the same month or version)", Errors.summary(failure));
  }

  @Test
  void aNoSpaceInTheTextOfAClusterFailureCountsTooWithoutAPath() {
    RuntimeException failure = new RuntimeException("Job aborted due to stage failure: Lost task 0.3: "
        + "java.io.IOException: Disk quota exceeded\n\tat org.apache.hadoop.fs.RawLocalFileSystem.write");

    assertEquals(ExitCode.STORAGE_FULL, ExitCode.of(failure));
    assertTrue(Errors.summary(failure).startsWith("no space left on the device of a disk this run writes to (Spark's"
        + " local scratch space included): "), Errors.summary(failure));
  }

  @Test
  void otherFailuresStayUnexpectedAndTripcastErrorsKeepTheirCode() {
    RuntimeException other = new RuntimeException("Job aborted", new IOException("Connection reset"));
    assertEquals(ExitCode.INTERNAL_ERROR, ExitCode.of(other));
    assertEquals("java.lang.RuntimeException: Job aborted", Errors.summary(other));
    assertEquals(ExitCode.INVALID_INPUT, ExitCode.of(Errors.emptyMonth("file:/d/green_tripdata_2021-03.parquet")));
  }

  @Test
  void aBackfillStoppedByAFullDiskExitsNineWithTheLine() {
    TripcastException stopped = Errors.backfillStopped("green", YearMonth.of(2021, 4), List.of(YearMonth.of(2021, 3)),
        List.of(), new RuntimeException(WRITING, new IOException("No space left on device")));

    assertEquals(ExitCode.STORAGE_FULL, stopped.exitCode());
    assertTrue(stopped.getMessage().contains("stopped at 2021-04 after 1 of 2 months (done: 2021-03; not started: none):"
        + " no space left on the device of file:/w/tables/scored_trips: "), stopped.getMessage());
  }
}
