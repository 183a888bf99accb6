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
    return plausible(month, good, 1.0);
  }

  /**
   * {@link #plausible(String, int)} with every duration × {@code durationFactor} (1.5: traffic got
   * slower, enough for the monitoring's duration and error rules to fire against a model of the
   * unslowed months).
   */
  public static List<TlcTrip> plausible(String month, int good, double durationFactor) {
    List<TlcTrip> trips = new ArrayList<>();
    int[][] pairs = {{74, 75}, {75, 74}, {41, 42}, {82, 129}};
    for (int i = 0; i < good; i++) {
      double miles = 0.5 + (i % 7) * 0.8;
      int[] pair = pairs[i % pairs.length];
      trips.add(trip(month + "-1" + (i % 9) + "T0" + (i % 10) + ":15:00", Math.round((3 + 4 * miles) * 60 * durationFactor),
          pair[0], pair[1], miles));
    }
    return trips;
  }

  /**
   * {@code trips} trips of {@code month} spread over its first 28 days and every hour, over six
   * zone pairs, 0.5 to 6.0 miles, lasting (3 + 4 minutes a mile) × (1 + 0.15 N(0, 1)) ×
   * {@code durationFactor}, at least one minute: a month with noise a model's RMSE is measurable
   * on (about 2 minutes) and whose duration distribution a factor visibly shifts. Same seed, same trips.
   */
  public static List<TlcTrip> noisy(String month, int trips, double durationFactor, long seed) {
    java.util.Random random = new java.util.Random(seed);
    int[][] pairs = {{74, 75}, {75, 74}, {41, 42}, {82, 129}, {166, 41}, {7, 179}};
    List<TlcTrip> out = new ArrayList<>();
    for (int i = 0; i < trips; i++) {
      double miles = Math.round((0.5 + 5.5 * random.nextDouble()) * 100) / 100.0;
      double minutes = Math.max(1.0, (3 + 4 * miles) * (1 + 0.15 * random.nextGaussian()) * durationFactor);
      int[] pair = pairs[random.nextInt(pairs.length)];
      String pickup = String.format("%s-%02dT%02d:%02d:00", month, 1 + random.nextInt(28), random.nextInt(24),
          random.nextInt(60));
      out.add(trip(pickup, Math.round(minutes * 60), pair[0], pair[1], miles));
    }
    return out;
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
