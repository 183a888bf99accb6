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
 * symmetric sparse matrix (compressed rows, both triangles); no dense p × p matrix is formed.
 *
 * <p>Two ways to solve, the same minimum:
 *
 * <ul>
 *   <li>by elimination, when fewer than {@code denseLimit} (default {@value #DENSE_LIMIT}) active
 *       features are not <em>exclusive</em>. Exclusive features never co-occur with each other (a
 *       one-hot block: the extended model's 13k PU_DO pairs), chosen greedily in index order, so
 *       their block of XᵀX is diagonal. With the intercept as one more unknown, eliminating them
 *       leaves a dense system over the rest (about 1,400 on 2021-01), factorised by Cholesky;
 *   <li>otherwise by conjugate gradients on the centred system, the centring applied as a
 *       product, preconditioned with the diagonal (population variances + λ/σ_y), from w = 0,
 *       until the residual is {@value #RELATIVE_TOLERANCE} of the right-hand side's norm or
 *       {@link #maxIterations} passes (thousands on 2021-01: the collinear blocks leave
 *       directions held only by the penalty).
 * </ul>
 */
final class RidgeSystem {
  /** Stop when ‖residual‖ ≤ this × ‖Xᵀy/n − x̄ȳ‖. */
  static final double RELATIVE_TOLERANCE = 1e-11;
  /** Most non-exclusive features solved by a dense factorisation ({@code DENSE_LIMIT²} doubles). */
  static final int DENSE_LIMIT = 4_000;
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
  /** Xᵀy/n, active features. */
  private final double[] meanCrossLabel;
  /** Active features that co-occur with no other of them (a one-hot block): eliminated exactly. */
  private final boolean[] exclusive;
  /** The other active features, eliminated by a dense factorisation. */
  private final int[] rest;
  private final int denseLimit;

  /**
   * @param solution coefficients (one per feature, 0 for constant ones) and intercept, in the
   *     label's units per feature unit
   * @param iterations conjugate-gradient iterations run, 0 when solved by elimination
   * @param relativeResidual ‖residual‖ / ‖right-hand side‖ of the centred system at the solution
   *     (0 if the right-hand side is 0)
   * @param objective MLlib's objective at the solution, on labels divided by σ_y
   */
  record Solution(double[] coefficients, double intercept, int iterations, double relativeResidual, double objective) {}

  /**
   * @throws IllegalArgumentException if the statistics hold fewer than two rows
   */
  RidgeSystem(RidgeStatistics s) {
    this(s, DENSE_LIMIT);
  }

  /**
   * @param denseLimit solve by elimination when fewer features than this are not exclusive,
   *     otherwise by conjugate gradients
   * @throws IllegalArgumentException if the statistics hold fewer than two rows
   */
  RidgeSystem(RidgeStatistics s, int denseLimit) {
    if (s.n < 2) {
      throw new IllegalArgumentException("the exact ridge solver needs at least 2 rows, got " + s.n);
    }
    int p = s.numFeatures;
    double n = s.n;
    this.denseLimit = denseLimit;
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
    meanCrossLabel = new double[p];
    exclusive = new boolean[p];
    int restCount = 0;
    for (int i = 0; i < p; i++) {
      if (!active[i]) {
        continue;
      }
      meanCrossLabel[i] = s.xty[i] / n;
      exclusive[i] = true;
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (columns[k] != i && exclusive[columns[k]]) {
          exclusive[i] = false;
        }
      }
      restCount += exclusive[i] ? 0 : 1;
    }
    rest = new int[restCount];
    for (int i = 0, r = 0; i < p; i++) {
      if (active[i] && !exclusive[i]) {
        rest[r++] = i;
      }
    }
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
    int iterations = 0;
    if (rest.length < denseLimit) {
      w = solveByElimination(penalty);
    } else {
      iterations = solveByConjugateGradients(penalty, w);
    }
    double[] q = new double[numFeatures];
    apply(w, q, penalty);
    double[] residual = new double[numFeatures];
    for (int i = 0; i < numFeatures; i++) {
      residual[i] = covarianceWithLabel[i] - q[i];
    }
    double rhsNorm = Math.sqrt(dot(covarianceWithLabel, covarianceWithLabel));
    double objective = (0.5 * labelVariance - dot(w, covarianceWithLabel) + 0.5 * dot(w, q)) / (labelStd * labelStd);
    double intercept = labelMean - dot(w, mean);
    return new Solution(w, intercept, iterations, rhsNorm == 0 ? 0 : Math.sqrt(dot(residual, residual)) / rhsNorm, objective);
  }

  /**
   * The uncentred system with the intercept b as one more, unpenalised unknown,
   * {@code [XᵀX/n + μI, x̄; x̄ᵀ, 1] [w; b] = [Xᵀy/n; ȳ]} (the same minimum), solved directly: the
   * exclusive features' block is diagonal, so their elimination leaves a dense system over the
   * rest and b (the Schur complement, positive definite), factorised by Cholesky; the exclusive
   * coefficients follow by back substitution.
   */
  private double[] solveByElimination(double penalty) {
    int q = rest.length + 1;
    int[] position = new int[numFeatures];
    java.util.Arrays.fill(position, -1);
    for (int r = 0; r < rest.length; r++) {
      position[rest[r]] = r;
    }
    double[] schur = new double[q * q];
    double[] rhs = new double[q];
    for (int r = 0; r < rest.length; r++) {
      int i = rest[r];
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (position[columns[k]] >= 0) {
          schur[r * q + position[columns[k]]] += meanProducts[k];
        }
      }
      schur[r * q + r] += penalty;
      schur[r * q + q - 1] = mean[i];
      schur[(q - 1) * q + r] = mean[i];
      rhs[r] = meanCrossLabel[i];
    }
    schur[q * q - 1] = 1;
    rhs[q - 1] = labelMean;
    int[] at = new int[q];
    double[] value = new double[q];
    for (int e = 0; e < numFeatures; e++) {
      if (!exclusive[e]) {
        continue;
      }
      int m = coupling(e, position, q, at, value);
      double pivot = diagonal(e) + penalty;
      for (int a = 0; a < m; a++) {
        double scaled = value[a] / pivot;
        rhs[at[a]] -= scaled * meanCrossLabel[e];
        for (int b = 0; b < m; b++) {
          schur[at[a] * q + at[b]] -= scaled * value[b];
        }
      }
    }
    double[] z = DenseCholesky.solve(schur, rhs, q);
    double[] w = new double[numFeatures];
    for (int r = 0; r < rest.length; r++) {
      w[rest[r]] = z[r];
    }
    for (int e = 0; e < numFeatures; e++) {
      if (exclusive[e]) {
        int m = coupling(e, position, q, at, value);
        double sum = meanCrossLabel[e];
        for (int a = 0; a < m; a++) {
          sum -= value[a] * z[at[a]];
        }
        w[e] = sum / (diagonal(e) + penalty);
      }
    }
    return w;
  }

  /** Exclusive feature e's entries in the rest and b's column: positions into at, values into value; returns their count. */
  private int coupling(int e, int[] position, int q, int[] at, double[] value) {
    int m = 0;
    for (int k = rowStart[e]; k < rowStart[e + 1]; k++) {
      if (position[columns[k]] >= 0) {
        at[m] = position[columns[k]];
        value[m++] = meanProducts[k];
      }
    }
    at[m] = q - 1;
    value[m++] = mean[e];
    return m;
  }

  /** (XᵀX/n)_ee. */
  private double diagonal(int e) {
    for (int k = rowStart[e]; k < rowStart[e + 1]; k++) {
      if (columns[k] == e) {
        return meanProducts[k];
      }
    }
    return 0;
  }

  /** Preconditioned conjugate gradients on the centred system from w = 0 (filled in); returns the iterations. */
  private int solveByConjugateGradients(double penalty, double[] w) {
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
    return iterations;
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
