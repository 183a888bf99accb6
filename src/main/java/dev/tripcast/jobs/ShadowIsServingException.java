package dev.tripcast.jobs;

import dev.tripcast.errors.InvalidInputException;

/**
 * {@code score --shadow} names the model that serves the month; exit 2.
 */
public final class ShadowIsServingException extends InvalidInputException {
  private final String shadowRef;
  private final String version;

  public ShadowIsServingException(String shadowRef, String version) {
    super(String.format("--shadow %s is %s, the model scoring the month: a shadow model must be another version",
        shadowRef, version), null);
    this.shadowRef = shadowRef;
    this.version = version;
  }

  /** The shadow reference as given. */
  public String shadowRef() {
    return shadowRef;
  }

  /** The version it and the serving model resolve to. */
  public String version() {
    return version;
  }
}
