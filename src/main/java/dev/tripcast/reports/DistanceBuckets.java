package dev.tripcast.reports;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Buckets of trip_distance (miles) for the error report. With bounds {@code [1, 2, 5, 10, 20]}
 * (the default) the buckets are {@code [0,1) [1,2) [2,5) [5,10) [10,20) [20,inf)}: lower bound
 * inclusive, upper exclusive. Distances are non-negative after filtering.
 */
public final class DistanceBuckets {
  private DistanceBuckets() {}

  /** A column holding the bucket label of {@code distanceMiles}, e.g. "[2,5)". */
  public static Column label(Column distanceMiles, List<Double> bounds) {
    Column label = lit("[" + fmt(bounds.get(bounds.size() - 1)) + ",inf)");
    for (int i = bounds.size() - 1; i >= 0; i--) {
      double lower = i == 0 ? 0 : bounds.get(i - 1);
      label = when(distanceMiles.lt(bounds.get(i)), lit("[" + fmt(lower) + "," + fmt(bounds.get(i)) + ")")).otherwise(label);
    }
    return label;
  }

  private static String fmt(double miles) {
    return miles == Math.rint(miles) ? String.valueOf((long) miles) : String.valueOf(miles);
  }
}
