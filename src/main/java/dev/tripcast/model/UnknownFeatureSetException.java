package dev.tripcast.model;

import dev.tripcast.errors.InvalidInputException;

/**
 * A saved model's card names a feature set this release does not know; exit 2.
 */
public final class UnknownFeatureSetException extends InvalidInputException {
  private final String modelDir;
  private final String featureSet;
  private final String known;

  public UnknownFeatureSetException(String modelDir, String featureSet, String known) {
    super(modelDir + "/model.json names feature set '" + featureSet
        + "', which this tripcast does not know (known: " + known + "); score it with the tripcast release that"
        + " trained it, or train a new version", null);
    this.modelDir = modelDir;
    this.featureSet = featureSet;
    this.known = known;
  }

  /** The version's folder. */
  public String modelDir() {
    return modelDir;
  }

  /** The feature set its card names. */
  public String featureSet() {
    return featureSet;
  }

  /** The feature sets this release knows. */
  public String known() {
    return known;
  }
}
