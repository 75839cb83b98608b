package io.jgrad.tensor;

/**
 * LU factorization with partial pivoting (row interchanges), P A = L U, of one row-major
 * n x n matrix in float64, and the solves, inverse and determinants built on it. A zero pivot
 * leaves the factorization in place (as LAPACK getrf does: info > 0); callers decide whether
 * that is an error (solve, inv) or a zero determinant (det, slogdet).
 */
final class DecompLu {
  final int n;
  final double[] lu;
  final int[] perm;
  /** +1 or -1: the sign of the row permutation. */
  final int permSign;
  /** 1-based index of the first exactly zero pivot, 0 if none (LAPACK's info). */
  final int zeroPivot;

  DecompLu(double[] a, int n) {
    this.n = n;
    this.lu = a.clone();
    this.perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    int sign = 1, zero = 0;
    double[] x = lu;
    for (int k = 0; k < n; k++) {
      int p = k;
      double best = Math.abs(x[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(x[i * n + k]);
        if (v > best || (Double.isNaN(v) && !Double.isNaN(best))) { best = v; p = i; }
      }
      if (p != k) {
        for (int j = 0; j < n; j++) { double t = x[k * n + j]; x[k * n + j] = x[p * n + j]; x[p * n + j] = t; }
        int t = perm[k]; perm[k] = perm[p]; perm[p] = t;
        sign = -sign;
      }
      double piv = x[k * n + k];
      if (piv == 0) {
        if (zero == 0) zero = k + 1;
        continue;
      }
      for (int i = k + 1; i < n; i++) {
        double f = x[i * n + k] / piv;
        x[i * n + k] = f;
        if (f == 0) continue;
        int ro = i * n, ko = k * n;
        for (int j = k + 1; j < n; j++) x[ro + j] -= f * x[ko + j];
      }
    }
    this.permSign = sign;
    this.zeroPivot = zero;
  }

  double det() {
    double d = permSign;
    for (int i = 0; i < n; i++) d *= lu[i * n + i];
    return d;
  }

  /** {sign, log|det|}: sign 0 and -inf for a singular matrix, as torch. */
  double[] slogdet() {
    double sign = permSign, log = 0;
    for (int i = 0; i < n; i++) {
      double v = lu[i * n + i];
      sign *= Math.signum(v);
      log += Math.log(Math.abs(v));
    }
    if (Double.isNaN(log)) sign = Double.NaN;
    if (sign == 0) sign = 0.0;  // not -0.0 from an odd permutation
    return new double[] {sign, log};
  }

  /** X = A^-1 B for row-major B (n x k). Requires zeroPivot == 0. */
  double[] solve(double[] b, int k) {
    double[] x = new double[n * k];
    for (int i = 0; i < n; i++) System.arraycopy(b, perm[i] * k, x, i * k, k);
    for (int i = 0; i < n; i++) {
      int io = i * k;
      for (int p = 0; p < i; p++) {
        double f = lu[i * n + p];
        if (f == 0) continue;
        int po = p * k;
        for (int j = 0; j < k; j++) x[io + j] -= f * x[po + j];
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      int io = i * k;
      for (int p = i + 1; p < n; p++) {
        double f = lu[i * n + p];
        if (f == 0) continue;
        int po = p * k;
        for (int j = 0; j < k; j++) x[io + j] -= f * x[po + j];
      }
      double d = lu[i * n + i];
      for (int j = 0; j < k; j++) x[io + j] /= d;
    }
    return x;
  }

  double[] inverse() {
    double[] eye = new double[n * n];
    for (int i = 0; i < n; i++) eye[i * n + i] = 1;
    return solve(eye, n);
  }
}
