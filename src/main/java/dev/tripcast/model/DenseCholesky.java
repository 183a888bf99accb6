package dev.tripcast.model;

/** Solves a dense symmetric positive-definite system by its Cholesky factorisation, in place. */
final class DenseCholesky {
  private DenseCholesky() {}

  /**
   * @param a the q × q matrix, row-major, overwritten by its lower factor L (A = LLᵀ)
   * @param b the right-hand side, q entries (not modified)
   * @return x with A x = b
   * @throws IllegalArgumentException if A is not positive definite (a pivot ≤ 0)
   */
  static double[] solve(double[] a, double[] b, int q) {
    for (int j = 0; j < q; j++) {
      int rowJ = j * q;
      double pivot = a[rowJ + j];
      for (int k = 0; k < j; k++) {
        pivot -= a[rowJ + k] * a[rowJ + k];
      }
      if (!(pivot > 0)) {
        throw new IllegalArgumentException("matrix not positive definite at pivot " + j + " (" + pivot + ")");
      }
      double diag = Math.sqrt(pivot);
      a[rowJ + j] = diag;
      for (int i = j + 1; i < q; i++) {
        int rowI = i * q;
        double sum = a[rowI + j];
        for (int k = 0; k < j; k++) {
          sum -= a[rowI + k] * a[rowJ + k];
        }
        a[rowI + j] = sum / diag;
      }
    }
    double[] y = new double[q];
    for (int i = 0; i < q; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= a[i * q + k] * y[k];
      }
      y[i] = sum / a[i * q + i];
    }
    double[] x = new double[q];
    for (int i = q - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < q; k++) {
        sum -= a[k * q + i] * x[k];
      }
      x[i] = sum / a[i * q + i];
    }
    return x;
  }
}
