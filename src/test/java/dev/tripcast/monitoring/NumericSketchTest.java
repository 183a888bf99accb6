package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void fineEdgesFillTheReferencesGapsAndReachFarBeyondIt() {
    // TLC trip_distance: the reference's quantile function jumps from 34 to 7,976 miles at its top.
    double[] q = new double[1000];
    for (int i = 0; i < q.length; i++) {
      q[i] = i < 998 ? i * 0.03 : i == 998 ? 34 : 7976;
    }
    double[] edges = Profiler.fineEdges(q);
    double step = (q[989] - q[9]) / 1000; // the mean width between the 1 % and 99 % quantiles

    for (double x : new double[] {0, 29.91, 34, 7976}) {
      assertTrue(Arrays.binarySearch(edges, x) >= 0, "a quantile of the reference is an edge: " + x);
    }
    for (int i = 1; i < edges.length; i++) {
      double widest = Math.max(step, 0.05 * Math.abs(edges[i - 1])) * (1 + 1e-9);
      assertTrue(edges[i] > edges[i - 1] && edges[i] - edges[i - 1] <= widest,
          "bin " + i + ": [" + edges[i - 1] + ", " + edges[i] + ")");
    }
    assertTrue(edges[edges.length - 1] >= 7976e6 * 0.95 && edges[0] <= -7976e6 * 0.95);
    assertTrue(edges.length < 2500, edges.length + " edges");
  }

  @Test
  void outliersFarAboveTheReferenceKeepTheirQuantilesWithinFivePercent() {
    // A month with 0.3 % data-entry outliers of 10⁴–3·10⁵ miles: its top quantiles are read from
    // the fine bins laid beyond the reference (5 % wide), not stretched between 7,976 and the max.
    Random random = new Random(11);
    double[] reference = random.doubles(20_000).map(u -> u < 0.9993 ? -3 * Math.log(1 - u / 0.9993) : 8000).toArray();
    double[] month = random.doubles(20_000).map(u -> u < 0.997 ? -3 * Math.log(1 - u / 0.997) : 1e4 + 3e5 * u - 3e5 * 0.997)
        .toArray();
    double[] fine = Profiler.fineEdges(quantileEdges(reference, 1000));
    NumericSketch s = NumericSketch.empty(DECILES, fine);
    Arrays.stream(month).forEach(v -> s.add(v, DECILES, fine));
    double[] sketch = s.quantiles(1000, fine);
    double[] exact = quantilesAt(month, 1000);
    for (int i = 0; i < exact.length; i++) {
      assertEquals(exact[i], sketch[i], Math.max(0.05 * exact[i], 0.02), "quantile " + i);
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

  /** Exact sample quantiles at u = (i + 0.5) / n: the smallest value whose share at or below it reaches u. */
  static double[] quantilesAt(double[] values, int n) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = sorted[Math.max(0, (int) Math.ceil((i + 0.5) / n * sorted.length) - 1)];
    }
    return q;
  }

  /** Exact sample quantiles at (i + 0.5) / n, distinct and ascending (a reference's fine edges). */
  static double[] quantileEdges(double[] values, int n) {
    return Arrays.stream(quantilesAt(values, n)).distinct().sorted().toArray();
  }
}
