package dev.tripcast.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DriftStatistics} against values computed by hand (in the comments) and, for the
 * Wasserstein distance, against an independent formula: the area between the two empirical CDFs.
 */
class DriftStatisticsTest {

  @Test
  void wassersteinOfShiftedQuantilesIsTheShift() {
    // Q_ref = {1,2,3,4}, Q_cur = {2,3,4,5}: every quantile moved by 1 → W1 = 1.
    assertEquals(1.0, DriftStatistics.wasserstein(new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 5}), 1e-12);
    // population std of {1,2,3,4} = sqrt(1.25) = 1.118034 → normed 1 / 1.118034 = 0.894427
    assertEquals(0.894427191, DriftStatistics.normedWasserstein(new double[] {1, 2, 3, 4}, new double[] {2, 3, 4, 5},
        Math.sqrt(1.25)), 1e-9);
  }

  @Test
  void wassersteinMatchesTheAreaBetweenEmpiricalCdfs() {
    Random random = new Random(11);
    double[] a = new double[400];
    double[] b = new double[400];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian() * 3 + 10;
      b[i] = random.nextExponential() * 4 + 8;
    }
    Arrays.sort(a);
    Arrays.sort(b);
    // With n sample points, the quantile function at u = (i + 0.5)/n is the i-th smallest value.
    assertEquals(areaBetweenCdfs(a, b), DriftStatistics.wasserstein(a, b), 1e-9);
  }

  @Test
  void normedWassersteinOfAConstantReferenceDividesByTheFloor() {
    // std 0 → divided by 0.001 (Evidently's floor): W1 = 0.5 → 500, never infinite or NaN.
    assertEquals(500.0, DriftStatistics.normedWasserstein(new double[] {2, 2}, new double[] {2, 3}, 0), 1e-9);
  }

  @Test
  void psiByHand() {
    // r = (0.5, 0.5), c = (0.25, 0.75): (−0.25)·ln(0.5) + 0.25·ln(1.5) = 0.173287 + 0.101366 = 0.274653
    assertEquals(0.2746530722, DriftStatistics.psi(new long[] {50, 50}, new long[] {25, 75}), 1e-9);
    assertEquals(0.0, DriftStatistics.psi(new long[] {10, 30}, new long[] {20, 60}), 1e-12);
  }

  @Test
  void psiSmoothsAnEmptyBinWithEpsilon() {
    // r = (1, 0 → 1e-4), c = (0.5, 0.5): (−0.5)·ln(0.5) + 0.4999·ln(5000) = 0.346574 + 4.257745 = 4.604318
    assertEquals(4.6043184667, DriftStatistics.psi(new long[] {100, 0}, new long[] {50, 50}), 1e-9);
  }

  @Test
  void statisticsOfAnEmptySideAreZero() {
    assertEquals(0.0, DriftStatistics.psi(new long[] {0, 0}, new long[] {5, 5}));
    assertEquals(0.0, DriftStatistics.jensenShannon(new long[] {5, 5}, new long[] {0, 0}));
  }

  @Test
  void jensenShannonByHand() {
    // p = (0.5, 0.5), q = (0.75, 0.25), m = (0.625, 0.375):
    // KL(p‖m) = 0.5·ln(0.8) + 0.5·ln(4/3) = 0.032272; KL(q‖m) = 0.75·ln(1.2) + 0.25·ln(2/3) = 0.035376
    // sqrt((0.032272 + 0.035376) / 2) = 0.183908
    assertEquals(0.1839077909, DriftStatistics.jensenShannon(new long[] {50, 50}, new long[] {75, 25}), 1e-9);
    // disjoint supports: the maximum, sqrt(ln 2) = 0.832555 (natural log)
    assertEquals(Math.sqrt(Math.log(2)), DriftStatistics.jensenShannon(new long[] {1, 0}, new long[] {0, 1}), 1e-12);
    assertEquals(0.0, DriftStatistics.jensenShannon(new long[] {3, 1}, new long[] {30, 10}), 1e-9);
  }

  @Test
  void mismatchedBinsAreABug() {
    assertThrows(IllegalArgumentException.class, () -> DriftStatistics.psi(new long[] {1}, new long[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> DriftStatistics.wasserstein(new double[0], new double[0]));
  }

  /** W1 = ∫ |F_a(x) − F_b(x)| dx, summed between consecutive points of the merged samples. */
  static double areaBetweenCdfs(double[] sortedA, double[] sortedB) {
    double[] all = new double[sortedA.length + sortedB.length];
    System.arraycopy(sortedA, 0, all, 0, sortedA.length);
    System.arraycopy(sortedB, 0, all, sortedA.length, sortedB.length);
    Arrays.sort(all);
    double area = 0;
    for (int i = 0; i + 1 < all.length; i++) {
      double x = all[i];
      double fa = (double) countAtMost(sortedA, x) / sortedA.length;
      double fb = (double) countAtMost(sortedB, x) / sortedB.length;
      area += Math.abs(fa - fb) * (all[i + 1] - x);
    }
    return area;
  }

  private static int countAtMost(double[] sorted, double x) {
    int n = 0;
    while (n < sorted.length && sorted[n] <= x) {
      n++;
    }
    return n;
  }

  @Test
  void ksPValueIsOneForTheSameSketchAndMatchesTheKolmogorovSeriesForAShift() {
    double[] reference = grid(0, 1);
    assertEquals(1.0, DriftStatistics.ksPValue(reference, 50_000, reference.clone(), 500), 1e-12);

    // Half the mass moved by 0.1: D = 0.1 between uniform(0, 1) and uniform(0.1, 1.1).
    double[] shifted = grid(0.1, 1.1);
    double lambda = 0.1 * Math.sqrt(50_000.0 * 500 / (50_000 + 500));
    assertEquals(kolmogorovSurvival(lambda), DriftStatistics.ksPValue(reference, 50_000, shifted, 500), 2e-3);
    assertEquals(0.0, DriftStatistics.ksPValue(reference, 50_000, grid(0.5, 1.5), 500), 1e-6, "a big shift");
    assertEquals(1.0, DriftStatistics.ksPValue(reference, 50_000, new double[0], 0), 0, "an empty side");
  }

  @Test
  void chiSquarePValueOfTwoCountVectorsAgainstTheClosedForm() {
    // Equal totals (60): expected 20 in every cell, chi2 = 4 x 5 = 20 with 2 degrees of freedom, p = exp(-20 / 2).
    assertEquals(Math.exp(-10), DriftStatistics.chiSquarePValue(new long[] {10, 20, 30}, new long[] {30, 20, 10}), 1e-12);
    assertEquals(1.0, DriftStatistics.chiSquarePValue(new long[] {500, 300, 0}, new long[] {50, 30, 0}), 1e-12,
        "the same shares, an empty category left out");
    assertEquals(1.0, DriftStatistics.chiSquarePValue(new long[] {5, 5}, new long[] {0, 0}), 0, "an empty side");
    assertThrows(IllegalArgumentException.class, () -> DriftStatistics.chiSquarePValue(new long[] {1}, new long[] {1, 2}));
  }

  /** 1000 quantile points of uniform(lo, hi) at u = (i + 0.5) / 1000. */
  private static double[] grid(double lo, double hi) {
    double[] q = new double[1000];
    for (int i = 0; i < q.length; i++) {
      q[i] = lo + (hi - lo) * (i + 0.5) / q.length;
    }
    return q;
  }

  /** Kolmogorov's limit distribution, P(K > lambda) = 2 sum (-1)^(k-1) exp(-2 k^2 lambda^2). */
  private static double kolmogorovSurvival(double lambda) {
    double sum = 0;
    for (int k = 1; k <= 100; k++) {
      sum += (k % 2 == 1 ? 1 : -1) * Math.exp(-2.0 * k * k * lambda * lambda);
    }
    return 2 * sum;
  }
}
