package dev.tripcast.errors;

/**
 * A disk the run writes to ran full ({@code ENOSPC} "No space left on device", or {@code EDQUOT}
 * "Disk quota exceeded"); exit {@link ExitCode#STORAGE_FULL}. Free space and re-run.
 */
public final class StorageFullException extends StorageFaultException {
  private final String where;

  StorageFullException(String where, Throwable cause) {
    super(ExitCode.STORAGE_FULL, String.format(
        "no space left on the device of %s: nothing of that write was committed; free space there and re-run"
            + " (the re-run replaces the same month or version)", where), cause);
    this.where = where;
  }

  /** The table or folder being written, as Spark's error names it, or a description of the disk when it does not. */
  public String where() {
    return where;
  }
}
