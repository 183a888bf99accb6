package dev.tripcast.ingest;

import dev.tripcast.errors.Causes;
import dev.tripcast.errors.InvalidInputException;

/**
 * A TLC month file whose header or footer reads but whose rows do not (truncated, or a corrupt
 * compressed block), found by {@link CorruptFiles}; exit 2. The cause is the decoding error a
 * re-read of the file alone hit; the job's own failure is kept as a suppressed exception for
 * {@code --verbose}.
 */
public final class CorruptMonthException extends InvalidInputException {
  private final String path;

  /**
   * @param path the file
   * @param cause the decoding error of the re-read (an {@code EOFException}, a {@code ZipException} …)
   * @param failure the failure of the job that first read the file
   */
  public CorruptMonthException(String path, Throwable cause, Throwable failure) {
    super(String.format(
        "cannot read %s to its end: %s: %s (the file is truncated or corrupt; replace it and re-run the month)",
        path, cause.getClass().getSimpleName(), Causes.rootFirstLine(cause)), cause);
    this.path = path;
    addSuppressed(failure);
  }

  /** The file. */
  public String path() {
    return path;
  }
}
