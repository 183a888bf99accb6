package dev.tripcast.reports;

import java.util.List;

/**
 * Error-report parameters ({@code tripcast.reports}).
 *
 * @param percentileBinMinutes width of the |diff| bins p50/p90 are read from, minutes, &gt; 0: each
 *     percentile is within one width of the exact order statistic ({@link ErrorReport#build})
 * @param distanceBucketBoundsMiles ascending exclusive upper bounds of the trip_distance buckets,
 *     miles; the last bucket is open
 */
public record ReportParams(double percentileBinMinutes, List<Double> distanceBucketBoundsMiles) {
  public ReportParams {
    distanceBucketBoundsMiles = List.copyOf(distanceBucketBoundsMiles);
  }
}
