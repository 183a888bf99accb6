package dev.tripcast.monitoring;

import dev.tripcast.errors.InvalidInputException;

/**
 * A model was saved before reference profiles existed (or its profile was removed), so it cannot be
 * monitored; exit 2.
 */
public final class NoReferenceProfileException extends InvalidInputException {
  private final String modelPath;

  public NoReferenceProfileException(String modelPath) {
    super(String.format("%s has no reference_profile.json, so it cannot be monitored: train a new version", modelPath), null);
    this.modelPath = modelPath;
  }

  /** The version's folder. */
  public String modelPath() {
    return modelPath;
  }
}
