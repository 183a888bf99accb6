package dev.tripcast.features;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Why a trip is not scored. Every read row is either kept or carries exactly one reason; the
 * first matching reason in declaration order wins.
 */
public enum DropReason {
  /**
   * Pickup or dropoff time is null. A null PULocationID or DOLocationID is not a reason: the trip
   * is kept and its zone is the "unknown" category {@link TripFeatures#MISSING_ZONE_ID}.
   */
  NULL_TIMESTAMP("null_timestamp", "null_timestamp_or_location"),
  /** PULocationID or DOLocationID outside TLC's zones 1–265. Zones 264/265 ("Unknown") are kept. */
  LOCATION_OUT_OF_RANGE("location_out_of_range"),
  /**
   * A numeric model input ({@code trip_distance}, for feature sets that use it) is NaN, +Infinity
   * or −Infinity: Parquet writers that store a missing float as NaN, or CSV text "NaN"/"Infinity".
   * Checked before the distance's sign, so −Infinity counts here, not as negative.
   */
  NON_FINITE_VALUE("non_finite_value"),
  /** trip_distance is null or negative (only for feature sets that use the distance). */
  DISTANCE_NULL_OR_NEGATIVE("distance_null_or_negative"),
  /** The pickup (New York local time) is not in the file's service month (if enabled). */
  PICKUP_OUTSIDE_MONTH("pickup_outside_month"),
  /** The dropoff is before the pickup (negative duration). */
  DROPOFF_BEFORE_PICKUP("dropoff_before_pickup"),
  /** Duration below {@code filters.min-duration-minutes} (course: 1 minute). */
  DURATION_UNDER_MIN("duration_under_min"),
  /** Duration above {@code filters.max-duration-minutes} (course: 60 minutes). */
  DURATION_OVER_MAX("duration_over_max");

  private final String id;
  private final List<String> formerIds;

  DropReason(String id, String... formerIds) {
    this.id = id;
    this.formerIds = List.of(formerIds);
  }

  /** The value stored in the {@code drop_reason} column and the data-quality table. */
  public String id() {
    return id;
  }

  /**
   * The reason whose {@link #id()} is {@code id}, if any. Also accepts a former id found in tables
   * written by earlier versions: {@code null_timestamp_or_location} (which also counted trips
   * without a zone id, kept since) reads as {@link #NULL_TIMESTAMP}.
   */
  public static Optional<DropReason> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id) || r.formerIds.contains(id)).findFirst();
  }
}
