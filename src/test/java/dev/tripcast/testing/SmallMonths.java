package dev.tripcast.testing;

import static dev.tripcast.testing.TlcTrip.trip;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiny green months a model can be trained on and scored with in seconds: {@code good} plausible
 * trips over four zone pairs, each lasting 3 + 4 minutes a mile (0.5 to 5.3 miles), all inside the
 * service month, optionally followed by trips with a NaN, a +Infinity and a −Infinity distance.
 */
public final class SmallMonths {
  private SmallMonths() {}

  /** {@code good} plausible trips of {@code month} ("YYYY-MM"); every one is kept by the default filters. */
  public static List<TlcTrip> plausible(String month, int good) {
    List<TlcTrip> trips = new ArrayList<>();
    int[][] pairs = {{74, 75}, {75, 74}, {41, 42}, {82, 129}};
    for (int i = 0; i < good; i++) {
      double miles = 0.5 + (i % 7) * 0.8;
      int[] pair = pairs[i % pairs.length];
      trips.add(trip(month + "-1" + (i % 9) + "T0" + (i % 10) + ":15:00", Math.round((3 + 4 * miles) * 60),
          pair[0], pair[1], miles));
    }
    return trips;
  }

  /** {@link #plausible} then three trips whose distance is NaN, +Infinity and −Infinity. */
  public static List<TlcTrip> withNonFiniteDistances(String month, int good) {
    List<TlcTrip> trips = plausible(month, good);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      trips.add(trip(month + "-20T12:00:00", 600, 74, 75, bad));
    }
    return trips;
  }
}
