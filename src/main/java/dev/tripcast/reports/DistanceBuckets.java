package dev.tripcast.reports;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
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

  /** The bucket index of {@code distanceMiles}, 0 … bounds.size() (the open last bucket); null if null. */
  public static Column index(Column distanceMiles, List<Double> bounds) {
    Column index = lit(bounds.size());
    for (int i = bounds.size() - 1; i >= 0; i--) {
      index = when(distanceMiles.lt(bounds.get(i)), lit(i)).otherwise(index);
    }
    return when(distanceMiles.isNull(), lit(null).cast("int")).otherwise(index);
  }

  /** The label of a bucket {@link #index}, e.g. "[2,5)" for 2 with the default bounds. */
  public static Column labelOfIndex(Column index, List<Double> bounds) {
    List<Column> labels = new ArrayList<>();
    for (int i = 0; i <= bounds.size(); i++) {
      double lower = i == 0 ? 0 : bounds.get(i - 1);
      labels.add(lit("[" + fmt(lower) + "," + (i == bounds.size() ? "inf" : fmt(bounds.get(i))) + ")"));
    }
    return element_at(array(labels.toArray(new Column[0])), index.plus(1));
  }

  private static String fmt(double miles) {
    return miles == Math.rint(miles) ? String.valueOf((long) miles) : String.valueOf(miles);
  }
}
