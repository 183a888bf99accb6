package dev.tripcast.model;

/**
 * The centred, penalised normal equations of {@link ExactRidge}, built once from
 * {@link RidgeStatistics} and solved for any penalty λ (MLlib's {@code regParam}):
 *
 * <pre>
 *   (XᵀX/n − x̄x̄ᵀ + λ/σ_y I) w = Xᵀy/n − x̄ȳ,   b = ȳ − w·x̄
 * </pre>
 *
 * over the features of non-zero sample variance (the others get w_j = 0). XᵀX/n is held as a
 * symmetric sparse matrix (compressed rows, both triangles; the extended model's is a few
 * million entries); the rank-one centring x̄x̄ᵀ is applied as a product, never formed, so no
 * dense p × p matrix exists. Solved by conjugate gradients preconditioned with the diagonal
 * (the features' population variances + λ/σ_y), from w = 0, until the residual is
 * {@value #RELATIVE_TOLERANCE} of the right-hand side's norm or {@link #maxIterations} passes.
 */
final class RidgeSystem {
  /** Stop when ‖residual‖ ≤ this × ‖Xᵀy/n − x̄ȳ‖. */
  static final double RELATIVE_TOLERANCE = 1e-11;
  /** A feature whose variance is at most this share of its mean square is constant. */
  private static final double CONSTANT_SHARE = 1e-12;

  private final int numFeatures;
  private final double labelMean;
  private final double labelStd;
  private final double labelVariance;
  private final double[] mean;
  private final boolean[] active;
  private final int activeCount;
  private final double[] variance;
  private final double[] covarianceWithLabel;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] meanProducts;

  /**
   * @param solution coefficients (one per feature, 0 for constant ones) and intercept, in the
   *     label's units per feature unit
   * @param iterations conjugate-gradient iterations run
   * @param relativeResidual ‖residual‖ / ‖right-hand side‖ at the end (0 if it is 0)
   * @param objective MLlib's objective at the solution, on labels divided by σ_y
   */
  record Solution(double[] coefficients, double intercept, int iterations, double relativeResidual, double objective) {}

  /**
   * @throws IllegalArgumentException if the statistics hold fewer than two rows
   */
  RidgeSystem(RidgeStatistics s) {
    if (s.n < 2) {
      throw new IllegalArgumentException("the exact ridge solver needs at least 2 rows, got " + s.n);
    }
    int p = s.numFeatures;
    double n = s.n;
    numFeatures = p;
    labelMean = s.sumY / n;
    labelVariance = Math.max(0, s.sumYSquares / n - labelMean * labelMean);
    labelStd = Math.sqrt(labelVariance * n / (n - 1));
    mean = new double[p];
    variance = new double[p];
    double[] meanSquare = new double[p];
    for (int i = 0; i < p; i++) {
      mean[i] = s.sumX[i] / n;
    }
    s.xtx.forEach((key, sum) -> {
      int i = (int) (key / p);
      if (i == key % p) {
        meanSquare[i] = sum / n;
      }
    });
    active = new boolean[p];
    int count = 0;
    covarianceWithLabel = new double[p];
    for (int i = 0; i < p; i++) {
      variance[i] = meanSquare[i] - mean[i] * mean[i];
      active[i] = variance[i] > CONSTANT_SHARE * meanSquare[i];
      if (active[i]) {
        count++;
        covarianceWithLabel[i] = s.xty[i] / n - mean[i] * labelMean;
      }
    }
    activeCount = count;
    int[] perRow = new int[p + 1];
    s.xtx.forEach((key, sum) -> {
      int i = (int) (key / p);
      int j = (int) (key % p);
      if (active[i] && active[j]) {
        perRow[i + 1]++;
        if (i != j) {
          perRow[j + 1]++;
        }
      }
    });
    for (int i = 0; i < p; i++) {
      perRow[i + 1] += perRow[i];
    }
    rowStart = perRow.clone();
    columns = new int[perRow[p]];
    meanProducts = new double[perRow[p]];
    int[] next = perRow;
    s.xtx.forEach((key, sum) -> {
      int i = (int) (key / p);
      int j = (int) (key % p);
      if (active[i] && active[j]) {
        columns[next[i]] = j;
        meanProducts[next[i]++] = sum / n;
        if (i != j) {
          columns[next[j]] = i;
          meanProducts[next[j]++] = sum / n;
        }
      }
    });
  }

  /** Features of non-zero variance: the unknowns of the system. */
  int activeFeatures() {
    return activeCount;
  }

  /** Iteration cap of {@link #solve}: ten passes per unknown, at least 1,000. */
  int maxIterations() {
    return Math.max(1_000, 10 * activeCount);
  }

  /**
   * Solves for one penalty.
   *
   * @param regParam MLlib's {@code regParam}, &gt; 0
   * @return the solution; a constant label gives w = 0 and b = ȳ, as MLlib does
   * @throws IllegalArgumentException if regParam is not &gt; 0
   */
  Solution solve(double regParam) {
    if (!(regParam > 0)) {
      throw new IllegalArgumentException("the exact ridge solver needs regParam > 0, got " + regParam);
    }
    double[] w = new double[numFeatures];
    if (labelStd == 0 || activeCount == 0) {
      return new Solution(w, labelMean, 0, 0, 0);
    }
    double penalty = regParam / labelStd;
    double[] r = covarianceWithLabel.clone();
    double[] z = new double[numFeatures];
    double[] q = new double[numFeatures];
    double rhsNorm = Math.sqrt(dot(r, r));
    double residualNorm = rhsNorm;
    precondition(r, z, penalty);
    double[] direction = z.clone();
    double rz = dot(r, z);
    int iterations = 0;
    while (residualNorm > RELATIVE_TOLERANCE * rhsNorm && iterations < maxIterations()) {
      apply(direction, q, penalty);
      double alpha = rz / dot(direction, q);
      for (int i = 0; i < numFeatures; i++) {
        w[i] += alpha * direction[i];
        r[i] -= alpha * q[i];
      }
      precondition(r, z, penalty);
      double rzNext = dot(r, z);
      double beta = rzNext / rz;
      rz = rzNext;
      for (int i = 0; i < numFeatures; i++) {
        direction[i] = z[i] + beta * direction[i];
      }
      residualNorm = Math.sqrt(dot(r, r));
      iterations++;
    }
    apply(w, q, penalty);
    double objective = (0.5 * labelVariance - dot(w, covarianceWithLabel) + 0.5 * dot(w, q)) / (labelStd * labelStd);
    double intercept = labelMean - dot(w, mean);
    return new Solution(w, intercept, iterations, rhsNorm == 0 ? 0 : residualNorm / rhsNorm, objective);
  }

  /** out = (XᵀX/n − x̄x̄ᵀ + penalty I) v on the active features; v is 0 elsewhere. */
  private void apply(double[] v, double[] out, double penalty) {
    double meanDotV = dot(mean, v);
    for (int i = 0; i < numFeatures; i++) {
      if (!active[i]) {
        out[i] = 0;
        continue;
      }
      double sum = 0;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        sum += meanProducts[k] * v[columns[k]];
      }
      out[i] = sum - mean[i] * meanDotV + penalty * v[i];
    }
  }

  private void precondition(double[] r, double[] z, double penalty) {
    for (int i = 0; i < numFeatures; i++) {
      z[i] = active[i] ? r[i] / (variance[i] + penalty) : 0;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
