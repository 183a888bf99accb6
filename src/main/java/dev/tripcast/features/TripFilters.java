package dev.tripcast.features;

/**
 * Trip filters applied before training and scoring ({@code tripcast.filters}); the defaults are
 * the MLOps course's: keep 1 ≤ duration ≤ 60 minutes, both ends kept.
 *
 * @param minDurationMinutes shortest kept trip, minutes, inclusive, ≥ 0
 * @param maxDurationMinutes longest kept trip, minutes, inclusive, &gt; min
 * @param dropPickupOutsideMonth drop trips whose pickup (New York local time) is not in the
 *     file's service month
 */
public record TripFilters(double minDurationMinutes, double maxDurationMinutes, boolean dropPickupOutsideMonth) {}
