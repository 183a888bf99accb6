package dev.tripcast.features;

/** Names of the columns {@link TripFeatures} adds to the canonical trip rows. */
public final class FeatureColumns {
  /** double, minutes: (dropoff − pickup) in seconds / 60, wall-clock difference. */
  public static final String DURATION = "duration";
  /** string, "&lt;PULocationID&gt;_&lt;DOLocationID&gt;" from the integer ids, e.g. "43_151". */
  public static final String PU_DO = "PU_DO";
  /** string, a {@link DropReason#id()} or null when the trip is kept. */
  public static final String DROP_REASON = "drop_reason";

  private FeatureColumns() {}
}
