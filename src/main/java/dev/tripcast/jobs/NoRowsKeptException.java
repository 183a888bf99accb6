package dev.tripcast.jobs;

import dev.tripcast.errors.InvalidInputException;

/**
 * Train, validation or evaluation months leave no rows after filtering; exit 2.
 */
public final class NoRowsKeptException extends InvalidInputException {
  private final String role;
  private final String months;

  public NoRowsKeptException(String role, String months) {
    super(String.format(
        "no %s rows left after filtering months %s (check the months and the filters.* settings)", role, months), null);
    this.role = role;
    this.months = months;
  }

  /** "train", "validation" or "evaluation". */
  public String role() {
    return role;
  }

  /** The months, comma-separated. */
  public String months() {
    return months;
  }
}
