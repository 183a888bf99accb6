package dev.tripcast.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link StorageFaults}: a full disk and an unreachable object store are told apart from other failures wherever they sit
 * in a Spark failure: as a cause (local mode, where the task's exception object reaches the driver)
 * or only as text (a cluster, where the driver gets the executor's stack trace as a string). The
 * s3a texts are those hadoop-aws 3.3.4 and AWS SDK 1.12 gave when S3OutageFaultIT stopped its S3
 * server.
 */
class StorageFaultsTest {
  private static final String S3A_REFUSED = "getFileStatus on s3a://tripcast-it/tables/error_report/_delta_log:"
      + " com.amazonaws.SdkClientException: Unable to execute HTTP request: Connect to 127.0.0.1:41234"
      + " [/127.0.0.1] failed: Connection refused (Connection refused)";
  private static final String WRITING = "[TASK_WRITE_FAILED] Task failed while writing rows to file:/w/tables/scored_trips.";

  @Test
  void aNoSpaceCauseNamesTheTableSparkWasWriting() {
    RuntimeException failure = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 24.0 failed",
        new RuntimeException(WRITING, new IOException("No space left on device")));

    assertEquals(ExitCode.STORAGE_FULL, ExitCode.of(failure));
    assertEquals("no space left on the device of file:/w/tables/scored_trips: nothing of that write was committed;"
        + " free space there and re-run (the re-run replaces the same month or version)", StorageFaults.summary(failure));
    StorageFullException full = assertInstanceOf(StorageFullException.class, StorageFaults.find(failure).orElseThrow());
    assertEquals("file:/w/tables/scored_trips", full.where());
    assertSame(failure, full.getCause());
  }

  @Test
  void aWriterThatNamesNoPathGetsTheCallersPath() {
    RuntimeException mllib = new RuntimeException("Job aborted", new IOException("No space left on device"));
    StorageFaultException fault = StorageFaults.findWriting("file:/m/trip-duration/v3", mllib).orElseThrow();

    assertEquals("file:/m/trip-duration/v3", assertInstanceOf(StorageFullException.class, fault).where());
    assertTrue(fault.getMessage().startsWith("no space left on the device of file:/m/trip-duration/v3: "), fault.getMessage());
    StorageFaultException unreachable = StorageFaults.findWriting("s3a://b/models/trip-duration/_staging-r1",
        new IOException("com.amazonaws.SdkClientException: Unable to execute HTTP request: Read timed out")).orElseThrow();
    assertEquals("s3a://b/models/trip-duration/_staging-r1",
        assertInstanceOf(StoreUnreachableException.class, unreachable).path());
    assertEquals(Optional.empty(), ((StoreUnreachableException) unreachable).endpoint());
  }

  @Test
  void aNoSpaceInTheTextOfAClusterFailureCountsTooWithoutAPath() {
    RuntimeException failure = new RuntimeException("Job aborted due to stage failure: Lost task 0.3: "
        + "java.io.IOException: Disk quota exceeded\n\tat org.apache.hadoop.fs.RawLocalFileSystem.write");

    assertEquals(ExitCode.STORAGE_FULL, ExitCode.of(failure));
    assertTrue(StorageFaults.summary(failure).startsWith("no space left on the device of a disk this run writes to (Spark's"
        + " local scratch space included): "), StorageFaults.summary(failure));
  }

  @Test
  void aRefusedS3ConnectionNamesThePathAndTheEndpoint() {
    RuntimeException failure = new RuntimeException("delta write failed",
        new IOException("org.apache.hadoop.fs.s3a.AWSClientIOException: " + S3A_REFUSED,
            new java.net.ConnectException("Connection refused (Connection refused)")));

    assertEquals(ExitCode.STORE_UNREACHABLE, ExitCode.of(failure));
    assertEquals(10, ExitCode.STORE_UNREACHABLE.code());
    StoreUnreachableException fault = assertInstanceOf(StoreUnreachableException.class,
        StorageFaults.find(failure).orElseThrow());
    assertEquals("s3a://tripcast-it/tables/error_report/_delta_log", fault.path());
    assertEquals(Optional.of("127.0.0.1:41234"), fault.endpoint());
    assertEquals("the object store did not answer for s3a://tripcast-it/tables/error_report/_delta_log (connect to"
        + " 127.0.0.1:41234 failed) within the S3A client's retries: nothing of the failed step was committed; re-run"
        + " when the store answers again (the re-run replaces the same month or version)", StorageFaults.summary(failure));
  }

  @Test
  void anUnreachableStoreInTheTextOfAClusterFailureCountsToo() {
    RuntimeException failure = new RuntimeException("Job aborted due to stage failure: Lost task 0.3 in stage 2.0:"
        + " org.apache.hadoop.fs.s3a.AWSClientIOException: read on s3a://b/tlc/green_tripdata_2021-03.parquet:"
        + " com.amazonaws.SdkClientException: Unable to execute HTTP request: connect timed out\n\tat org.apache");

    assertEquals(ExitCode.STORE_UNREACHABLE, ExitCode.of(failure));
    assertTrue(StorageFaults.summary(failure).startsWith("the object store did not answer for"
        + " s3a://b/tlc/green_tripdata_2021-03.parquet (no connection) within"), StorageFaults.summary(failure));
  }

  @Test
  void aRefusedConnectionOutsideTheS3ClientIsNotAStoreFault() {
    RuntimeException rpc = new RuntimeException("Failed to connect to /127.0.0.1:7077",
        new java.net.ConnectException("Connection refused"));
    assertEquals(ExitCode.INTERNAL_ERROR, ExitCode.of(rpc));
    assertEquals(Optional.empty(), StorageFaults.find(rpc));
  }

  @Test
  void otherFailuresStayUnexpectedAndTripcastErrorsKeepTheirCode() {
    RuntimeException other = new RuntimeException("Job aborted", new IOException("Connection reset"));
    assertEquals(ExitCode.INTERNAL_ERROR, ExitCode.of(other));
    assertEquals("java.lang.RuntimeException: Job aborted", StorageFaults.summary(other));
    assertEquals(ExitCode.INVALID_INPUT, ExitCode.of(new InvalidArgumentException("--rows", "0", "a positive number")));
  }
}
