package dev.tripcast.tables;

import dev.tripcast.errors.Causes;
import dev.tripcast.errors.ConcurrentChangeException;

/**
 * A conditional write to a Delta table lost to a concurrent run (a Delta conflict, or the key was
 * already taken); nothing was committed; exit 5.
 */
public final class ConcurrentTableChangeException extends ConcurrentChangeException {
  private final String tablePath;
  private final String what;

  /**
   * @param cause Delta's concurrent-modification exception; null when the key was found taken
   */
  public ConcurrentTableChangeException(String tablePath, String what, Throwable cause) {
    super(String.format(
        "%s: %s was not committed because another run changed the table first (%s); read the new state and"
            + " decide again", tablePath, what, cause == null ? "its key is taken" : Causes.rootFirstLine(cause)), cause);
    this.tablePath = tablePath;
    this.what = what;
  }

  /** The table's location. */
  public String tablePath() {
    return tablePath;
  }

  /** The write that was not committed, e.g. "insert of [model, alias]". */
  public String what() {
    return what;
  }
}
