package dev.tripcast.reports;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Buckets of trip_distance (miles) for the error report. With bounds {@code [1, 2, 5, 10, 20]}
 * (the default) the buckets are {@code [0,1) [1,2) [2,5) [5,10) [10,20) [20,inf)}: lower bound
 * inclusive, upper exclusive. Distances are non-negative after filtering. Trips without a
 * distance (FHV, or any trip kept by a feature set that does not use it) are labelled
 * {@value #NO_DISTANCE}, not put in the open last bucket.
 */
public final class DistanceBuckets {
  /** The label of a null trip_distance. */
  public static final String NO_DISTANCE = "(no distance)";

  private DistanceBuckets() {}

  /** A column holding the bucket label of {@code distanceMiles}, e.g. "[2,5)". */
  public static Column label(Column distanceMiles, List<Double> bounds) {
    Column label = lit("[" + fmt(bounds.get(bounds.size() - 1)) + ",inf)");
    for (int i = bounds.size() - 1; i >= 0; i--) {
      double lower = i == 0 ? 0 : bounds.get(i - 1);
      label = when(distanceMiles.lt(bounds.get(i)), lit("[" + fmt(lower) + "," + fmt(bounds.get(i)) + ")")).otherwise(label);
    }
    return when(distanceMiles.isNull(), lit(NO_DISTANCE)).otherwise(label);
  }

  private static String fmt(double miles) {
    return miles == Math.rint(miles) ? String.valueOf((long) miles) : String.valueOf(miles);
  }
}
