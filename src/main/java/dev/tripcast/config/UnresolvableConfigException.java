package dev.tripcast.config;

import dev.tripcast.errors.InvalidInputException;

/**
 * The merged configuration does not parse or resolve (Typesafe Config's message names the key); exit 2.
 */
public final class UnresolvableConfigException extends InvalidInputException {
  private final String problem;

  public UnresolvableConfigException(String problem) {
    super("configuration: " + problem, null);
    this.problem = problem;
  }

  /** Typesafe Config's one-line message. */
  public String problem() {
    return problem;
  }
}
