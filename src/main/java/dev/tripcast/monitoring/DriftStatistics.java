package dev.tripcast.monitoring;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * The drift statistics, as pure functions of small summaries (quantile sketches, bin counts,
 * category counts) that Spark aggregated: no trip reaches the driver. None returns NaN: empty
 * inputs and zero spreads are handled as each method says. docs/monitoring.md gives the formulas.
 */
public final class DriftStatistics {
  /** Share given to an empty bin or category before PSI's logarithm (Evidently's 0.0001). */
  public static final double PSI_EPSILON = 1e-4;
  /** Smallest reference standard deviation the Wasserstein distance is divided by (Evidently's 0.001). */
  public static final double MIN_NORM = 1e-3;

  private DriftStatistics() {}

  /**
   * Wasserstein-1 distance of two distributions given by their quantile functions on the same grid
   * u_i = (i + 0.5) / n: W1 = ∫₀¹ |Q_ref(u) − Q_cur(u)| du ≈ (1/n) Σ |ref[i] − cur[i]|, in the
   * column's unit.
   *
   * @throws IllegalArgumentException if the sketches differ in length or are empty
   */
  public static double wasserstein(double[] referenceQuantiles, double[] currentQuantiles) {
    if (referenceQuantiles.length != currentQuantiles.length || referenceQuantiles.length == 0) {
      throw new IllegalArgumentException("quantile sketches of " + referenceQuantiles.length + " and "
          + currentQuantiles.length + " points");
    }
    double sum = 0;
    for (int i = 0; i < referenceQuantiles.length; i++) {
      sum += Math.abs(referenceQuantiles[i] - currentQuantiles[i]);
    }
    return sum / referenceQuantiles.length;
  }

  /**
   * Evidently's normed Wasserstein distance: {@link #wasserstein} divided by the reference's
   * population standard deviation, or by {@link #MIN_NORM} if that is smaller (a constant column).
   * Unitless, ≥ 0.
   */
  public static double normedWasserstein(double[] referenceQuantiles, double[] currentQuantiles, double referenceStd) {
    return wasserstein(referenceQuantiles, currentQuantiles) / Math.max(referenceStd, MIN_NORM);
  }

  /**
   * Population stability index Σ (c_i − r_i) · ln(c_i / r_i) over bins, where r_i and c_i are the
   * shares of each side's rows in bin i and a share of 0 counts as {@link #PSI_EPSILON}. ≥ 0; 0 if
   * either side has no rows.
   *
   * @throws IllegalArgumentException if the count arrays differ in length
   */
  public static double psi(long[] referenceCounts, long[] currentCounts) {
    double[] r = shares(referenceCounts, currentCounts.length);
    double[] c = shares(currentCounts, referenceCounts.length);
    if (r == null || c == null) {
      return 0;
    }
    double psi = 0;
    for (int i = 0; i < r.length; i++) {
      double ri = Math.max(r[i], PSI_EPSILON);
      double ci = Math.max(c[i], PSI_EPSILON);
      psi += (ci - ri) * Math.log(ci / ri);
    }
    return psi;
  }

  /**
   * Jensen–Shannon distance with the natural logarithm (scipy's {@code jensenshannon} default,
   * which Evidently calls): sqrt((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q) / 2, over the shares
   * of each category. In [0, sqrt(ln 2) ≈ 0.8326]; 0 if either side has no rows.
   *
   * @throws IllegalArgumentException if the count arrays differ in length
   */
  public static double jensenShannon(long[] referenceCounts, long[] currentCounts) {
    double[] p = shares(referenceCounts, currentCounts.length);
    double[] q = shares(currentCounts, referenceCounts.length);
    if (p == null || q == null) {
      return 0;
    }
    double divergence = 0;
    for (int i = 0; i < p.length; i++) {
      double m = (p[i] + q[i]) / 2;
      if (p[i] > 0) {
        divergence += p[i] * Math.log(p[i] / m) / 2;
      }
      if (q[i] > 0) {
        divergence += q[i] * Math.log(q[i] / m) / 2;
      }
    }
    return Math.sqrt(Math.max(divergence, 0)); // rounding can leave -1e-17
  }

  /**
   * Two-sample Kolmogorov–Smirnov p-value (Evidently's numeric test below 1,000 rows, scipy's
   * {@code ks_2samp}): the statistic D = sup |F_ref − F_cur| is taken between the two quantile
   * sketches (each sketch point standing for 1/N of its side), the p-value from D and the real row
   * counts with Commons Math's {@code KolmogorovSmirnovTest.approximateP} (the asymptotic
   * Kolmogorov distribution; Spark ships Commons Math 3). In [0, 1]; 1 if either side is empty.
   *
   * @param referenceRows rows behind the reference sketch (values present)
   * @param currentRows rows behind the current sketch (values present)
   */
  public static double ksPValue(double[] referenceQuantiles, long referenceRows, double[] currentQuantiles,
      long currentRows) {
    if (referenceQuantiles.length == 0 || currentQuantiles.length == 0 || referenceRows == 0 || currentRows == 0) {
      return 1;
    }
    double d = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(referenceQuantiles, currentQuantiles);
    double p = new KolmogorovSmirnovTest().approximateP(d, (int) Math.min(referenceRows, Integer.MAX_VALUE),
        (int) Math.min(currentRows, Integer.MAX_VALUE));
    return Double.isFinite(p) ? Math.min(1, Math.max(0, p)) : 1;
  }

  /**
   * Chi-square test of homogeneity of two count vectors over the same categories (Evidently's
   * categorical test below 1,000 rows compares the current counts with the reference's), via
   * Commons Math's {@code ChiSquareTest.chiSquareTestDataSetsComparison}, which weighs the two
   * unequal totals. Categories empty on both sides are left out. In [0, 1]; 1 if either side is
   * empty or fewer than two categories remain.
   *
   * @throws IllegalArgumentException if the count arrays differ in length
   */
  public static double chiSquarePValue(long[] referenceCounts, long[] currentCounts) {
    if (referenceCounts.length != currentCounts.length) {
      throw new IllegalArgumentException("bins differ: " + referenceCounts.length + " and " + currentCounts.length);
    }
    int kept = 0;
    long referenceTotal = 0;
    long currentTotal = 0;
    for (int i = 0; i < referenceCounts.length; i++) {
      kept += referenceCounts[i] + currentCounts[i] > 0 ? 1 : 0;
      referenceTotal += referenceCounts[i];
      currentTotal += currentCounts[i];
    }
    if (kept < 2 || referenceTotal == 0 || currentTotal == 0) {
      return 1;
    }
    long[] r = new long[kept];
    long[] c = new long[kept];
    for (int i = 0, j = 0; i < referenceCounts.length; i++) {
      if (referenceCounts[i] + currentCounts[i] > 0) {
        r[j] = referenceCounts[i];
        c[j++] = currentCounts[i];
      }
    }
    double p = new ChiSquareTest().chiSquareTestDataSetsComparison(r, c);
    return Double.isFinite(p) ? Math.min(1, Math.max(0, p)) : 1;
  }

  /** Each count over their sum; null if the sum is 0. */
  private static double[] shares(long[] counts, int otherLength) {
    if (counts.length != otherLength) {
      throw new IllegalArgumentException("bins differ: " + counts.length + " and " + otherLength);
    }
    long total = 0;
    for (long n : counts) {
      total += n;
    }
    if (total == 0) {
      return null;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = (double) counts[i] / total;
    }
    return out;
  }
}
