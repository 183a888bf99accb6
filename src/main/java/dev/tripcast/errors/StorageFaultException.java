package dev.tripcast.errors;

/**
 * A storage fault: the disk or object store a run writes to failed it, not the run's input or
 * code. Nothing of the failed write was committed; the re-run replaces the same keys. Recognised
 * in one place, {@link StorageFaults}.
 */
public abstract sealed class StorageFaultException extends TripcastException
    permits StorageFullException, StoreUnreachableException {
  StorageFaultException(ExitCode exitCode, String message, Throwable cause) {
    super(exitCode, message, cause);
  }
}
