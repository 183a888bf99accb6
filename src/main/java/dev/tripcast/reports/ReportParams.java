package dev.tripcast.reports;

import java.util.List;

/**
 * Error-report parameters ({@code tripcast.reports}).
 *
 * @param percentileAccuracy accuracy of {@code percentile_approx} for p50/p90 (1/accuracy = the
 *     relative rank error), &gt; 0
 * @param distanceBucketBoundsMiles ascending exclusive upper bounds of the trip_distance buckets,
 *     miles; the last bucket is open
 */
public record ReportParams(int percentileAccuracy, List<Double> distanceBucketBoundsMiles) {
  public ReportParams {
    distanceBucketBoundsMiles = List.copyOf(distanceBucketBoundsMiles);
  }
}
