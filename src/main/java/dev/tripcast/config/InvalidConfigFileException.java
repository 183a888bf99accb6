package dev.tripcast.config;

import dev.tripcast.errors.InvalidInputException;

/**
 * A configuration file given with {@code --config} does not exist, does not parse, or holds a secret; exit 2.
 */
public final class InvalidConfigFileException extends InvalidInputException {
  private final String file;
  private final String problem;

  public InvalidConfigFileException(String file, String problem) {
    super(String.format("configuration file %s: %s", file, problem), null);
    this.file = file;
    this.problem = problem;
  }

  /** The file as given. */
  public String file() {
    return file;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
