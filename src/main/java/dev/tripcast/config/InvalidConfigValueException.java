package dev.tripcast.config;

import dev.tripcast.errors.InvalidInputException;

/**
 * A configuration key is missing, unknown, or has the wrong type or value; exit 2.
 */
public final class InvalidConfigValueException extends InvalidInputException {
  private final String key;
  private final String problem;

  public InvalidConfigValueException(String key, String problem) {
    super(String.format("configuration key '%s': %s", key, problem), null);
    this.key = key;
    this.problem = problem;
  }

  /** The key, e.g. {@code tripcast.filters}. */
  public String key() {
    return key;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
