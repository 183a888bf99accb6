package dev.tripcast.features;

import dev.tripcast.errors.InvalidInputException;

/**
 * The configured feature set needs a column the taxi type's layout does not have; exit 2.
 */
public final class UnsupportedFeatureSetException extends InvalidInputException {
  private final String featureSet;
  private final String taxiType;
  private final String column;

  public UnsupportedFeatureSetException(String featureSet, String taxiType, String column) {
    super(String.format(
        "feature set '%s' needs %s, which the %s layout does not have (set tripcast.model.feature-set = homework)",
        featureSet, column, taxiType), null);
    this.featureSet = featureSet;
    this.taxiType = taxiType;
    this.column = column;
  }

  /** The feature set id. */
  public String featureSet() {
    return featureSet;
  }

  /** The taxi type, e.g. {@code yellow}. */
  public String taxiType() {
    return taxiType;
  }

  /** The column it lacks. */
  public String column() {
    return column;
  }
}
