package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NumericSketch} without Spark: counts, moments, merging and the interpolated quantile function. */
class NumericSketchTest {
  static final double[] DECILES = {1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void countsMomentsAndBinsOfOnePass() {
    double[] fine = {2.5, 5.5};
    NumericSketch s = sketch(DECILES, fine, 1.0, 2.0, 3.0, 10.0, null, Double.NaN);
    WindowProfile.Numeric n = s.toNumeric(4, fine);

    assertEquals(2, n.missing(), "null and NaN are missing");
    assertEquals(4, n.present());
    assertEquals(4.0, n.mean(), 1e-12);
    assertEquals(Math.sqrt((9 + 4 + 1 + 36) / 4.0), n.std(), 1e-12);
    assertEquals(1.0, n.min());
    assertEquals(10.0, n.max());
    // edges 1..9: [1,2) holds 1, [2,3) holds 2, [3,4) holds 3, ≥ 9 holds 10
    assertArrayEquals(new long[] {0, 1, 1, 1, 0, 0, 0, 0, 0, 1}, n.binCounts());
  }

  @Test
  void mergingDaysGivesTheMonthOfOnePass() {
    Random random = new Random(7);
    double[] values = random.doubles(5000).map(u -> -3 * Math.log(1 - u)).toArray();
    double[] fine = quantileEdges(values, 100);
    NumericSketch whole = NumericSketch.empty(DECILES, fine);
    NumericSketch first = NumericSketch.empty(DECILES, fine);
    NumericSketch second = NumericSketch.empty(DECILES, fine);
    for (int i = 0; i < values.length; i++) {
      whole.add(values[i], DECILES, fine);
      (i < 1234 ? first : second).add(values[i], DECILES, fine);
    }
    WindowProfile.Numeric a = whole.toNumeric(100, fine);
    WindowProfile.Numeric b = first.merge(second).toNumeric(100, fine);

    assertEquals(a.mean(), b.mean(), 1e-12);
    assertEquals(a.std(), b.std(), 1e-12);
    assertEquals(a.min(), b.min());
    assertEquals(a.max(), b.max());
    assertArrayEquals(a.binCounts(), b.binCounts());
    assertArrayEquals(a.quantiles(), b.quantiles(), 1e-12);
    assertEquals(Arrays.stream(values).average().orElseThrow(), a.mean(), 1e-9);
  }

  @Test
  void quantilesAreInterpolatedWithinOneFineBin() {
    // 1 … 1000, fine edges at every tenth value: each quantile is within a bin width (10) of the
    // exact one, and here, the values being uniform inside each bin, within 1.
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1;
    }
    double[] fine = new double[99];
    for (int j = 0; j < fine.length; j++) {
      fine[j] = 10.5 + 10 * j;
    }
    NumericSketch s = NumericSketch.empty(DECILES, fine);
    Arrays.stream(values).forEach(v -> s.add(v, DECILES, fine));
    double[] q = s.quantiles(1000, fine);

    for (int i = 0; i < q.length; i++) {
      assertEquals(values[i], q[i], 1.0, "quantile " + i);
    }
    assertEquals(10, s.quantiles(10, fine).length);
    assertEquals(0, NumericSketch.empty(DECILES, fine).quantiles(10, fine).length, "no value: empty");
  }

  @Test
  void valuesOnAnEdgeStayOnIt() {
    // Discrete values (TLC durations tick in 1/60 min, distances in 0.01 mi) whose edges are sample
    // values: 0 … 9, ten times each, edges 1 … 9. Every value at or above the first edge is exact.
    double[] fine = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    NumericSketch s = NumericSketch.empty(DECILES, fine);
    for (int v = 0; v < 10; v++) {
      for (int k = 0; k < 10; k++) {
        s.add((double) v, DECILES, fine);
      }
    }
    double[] q = s.quantiles(100, fine);
    for (int i = 10; i < q.length; i++) {
      assertEquals(i / 10, q[i], 0.0, "quantile " + i);
    }
  }

  @Test
  void withoutFineEdgesTheQuantilesSpanMinToMax() {
    double[] none = {};
    NumericSketch s = sketch(DECILES, none, 2.0, 4.0, 6.0, 8.0);
    assertArrayEquals(new double[] {2.75, 4.25, 5.75, 7.25}, s.quantiles(4, none), 1e-12);
  }

  @Test
  void binOfAValueFollowsTheHalfOpenIntervals() {
    double[] edges = {1, 2, 3};
    assertEquals(0, NumericSketch.bin(edges, 0.5));
    assertEquals(1, NumericSketch.bin(edges, 1.0));
    assertEquals(1, NumericSketch.bin(edges, 1.5));
    assertEquals(3, NumericSketch.bin(edges, 3.0));
    assertEquals(3, NumericSketch.bin(edges, 99));
  }

  private static NumericSketch sketch(double[] edges, double[] fine, Double... values) {
    NumericSketch s = NumericSketch.empty(edges, fine);
    for (Double v : values) {
      s.add(v, edges, fine);
    }
    return s;
  }

  /** Exact sample quantiles at (i + 0.5) / n, distinct and ascending. */
  static double[] quantileEdges(double[] values, int n) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = sorted[(int) Math.floor((i + 0.5) / n * sorted.length)];
    }
    return Arrays.stream(q).distinct().sorted().toArray();
  }
}
