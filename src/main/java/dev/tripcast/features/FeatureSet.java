package dev.tripcast.features;

import dev.tripcast.ingest.TaxiType;
import dev.tripcast.ingest.TripColumns;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model's inputs, chosen in configuration ({@code tripcast.model.feature-set}) and saved with
 * the model, so scoring always prepares what the model was trained on.
 */
public enum FeatureSet {
  /**
   * The MLOps course's model (module 1): {@code PU_DO} = "PULocationID_DOLocationID" as one
   * categorical, plus {@code trip_distance} (miles). Needs a layout with a distance (not FHV).
   */
  COURSE("course", List.of(TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID, TripColumns.TRIP_DISTANCE)),
  /**
   * The course homework's model: {@code PULocationID} and {@code DOLocationID} as two separate
   * categoricals, no distance. Fits every layout, FHV included.
   */
  HOMEWORK("homework", List.of(TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID)),
  /**
   * The course's inputs plus the pickup time, each turned into features by stages of the saved
   * model (docs/model.md): PU_DO, PULocationID and DOLocationID one-hots, a capped spline of
   * {@code trip_distance}, hour × weekday of the pickup (New York wall clock), and the pair of
   * zone groups (borough / service zone) × the distance spline; one ridge regression whose
   * penalty is chosen on a time split inside the training months. Needs a distance (not FHV).
   * The default ({@code reference.conf}): it beats the course model with the back-off on every
   * pair of the evaluation matrix.
   * Reads nothing known only at the trip's end (fares, tips, tolls, totals, dropoff time).
   */
  EXTENDED("extended", List.of(TripColumns.PU_LOCATION_ID, TripColumns.DO_LOCATION_ID, TripColumns.TRIP_DISTANCE,
      TripColumns.PICKUP_DATETIME));

  private final String id;
  private final List<String> requiredColumns;

  FeatureSet(String id, List<String> requiredColumns) {
    this.id = id;
    this.requiredColumns = requiredColumns;
  }

  /** The configuration value, e.g. "course". */
  public String id() {
    return id;
  }

  /**
   * Canonical columns this feature set reads. Each file must have them and not null in every row;
   * a kept row may lack a zone id ({@link TripFeatures#MISSING_ZONE_ID}), but not its distance.
   */
  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Whether {@code trip_distance} is a feature (and so must be non-null and non-negative). */
  public boolean usesDistance() {
    return requiredColumns.contains(TripColumns.TRIP_DISTANCE);
  }

  /**
   * Checks that the taxi type's layout supplies every required column.
   *
   * @throws UnsupportedFeatureSetException naming the missing column
   */
  public void requireSupportedBy(TaxiType taxiType) {
    for (String column : requiredColumns) {
      if (!taxiType.has(column)) {
        throw new UnsupportedFeatureSetException(id, taxiType.id(), column);
      }
    }
  }

  /** Parses a configuration value; empty if unknown. */
  public static Optional<FeatureSet> fromId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  /** The accepted values, for error messages. */
  public static String ids() {
    return Arrays.stream(values()).map(FeatureSet::id).collect(Collectors.joining(", "));
  }
}
