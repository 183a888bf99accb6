package dev.tripcast.ingest;

import dev.tripcast.errors.InvalidInputException;

/**
 * A month file holds no rows; exit 2.
 */
public final class EmptyMonthException extends InvalidInputException {
  private final String path;

  public EmptyMonthException(String path) {
    super(String.format("%s holds no trips (0 rows): nothing to train on or score", path), null);
    this.path = path;
  }

  /** The file. */
  public String path() {
    return path;
  }
}
