package io.jgrad.tensor;

/** Cholesky factorization A = L L^T of a symmetric positive-definite matrix, reading only A's lower triangle. */
final class DecompCholesky {
  private DecompCholesky() {}

  /**
   * The lower factor L (row-major n x n), or null with {@code failedOrder[0]} set to the order
   * of the first leading minor that is not positive-definite (LAPACK potrf's info).
   */
  static double[] lower(double[] a, int n, int[] failedOrder) {
    double[] l = new double[n * n];
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      int jo = j * n;
      for (int k = 0; k < j; k++) d -= l[jo + k] * l[jo + k];
      if (!(d > 0)) {
        failedOrder[0] = j + 1;
        return null;
      }
      double ljj = Math.sqrt(d);
      l[jo + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        int io = i * n;
        double s = a[io + j];
        for (int k = 0; k < j; k++) s -= l[io + k] * l[jo + k];
        l[io + j] = s / ljj;
      }
    }
    return l;
  }
}
