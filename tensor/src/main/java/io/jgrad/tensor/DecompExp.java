package io.jgrad.tensor;

/**
 * Matrix exponential of one row-major n x n matrix in float64 by scaling and squaring with
 * the [13/13] Padé approximant (Higham, "The scaling and squaring method for the matrix
 * exponential revisited", 2005): exp(A) = r13(A / 2^s)^(2^s), s chosen so ||A / 2^s||_1 <= 5.37.
 */
final class DecompExp {
  private static final double THETA13 = 5.371920351148152;
  private static final double[] B = {64764752532480000.0, 32382376266240000.0, 7771770303897600.0,
    1187353796428800.0, 129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
    40840800.0, 960960.0, 16380.0, 182.0, 1.0};

  private DecompExp() {}

  static double[] exp(double[] a0, int n) {
    if (!DecompHost.finite(a0)) {
      double[] nan = new double[n * n];
      java.util.Arrays.fill(nan, Double.NaN);
      return nan;
    }
    double norm = 0;
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) s += Math.abs(a0[i * n + j]);
      norm = Math.max(norm, s);
    }
    int s = norm > THETA13 ? (int) Math.ceil(Math.log(norm / THETA13) / Math.log(2)) : 0;
    double scale = Math.scalb(1.0, -s);
    double[] a = new double[n * n];
    for (int i = 0; i < a.length; i++) a[i] = a0[i] * scale;
    double[] a2 = DecompHost.mul(a, a, n, n, n), a4 = DecompHost.mul(a2, a2, n, n, n), a6 = DecompHost.mul(a4, a2, n, n, n);
    double[] u1 = new double[n * n], v1 = new double[n * n], u2 = new double[n * n], v2 = new double[n * n];
    for (int i = 0; i < n * n; i++) {
      u1[i] = B[13] * a6[i] + B[11] * a4[i] + B[9] * a2[i];
      v1[i] = B[12] * a6[i] + B[10] * a4[i] + B[8] * a2[i];
      u2[i] = B[7] * a6[i] + B[5] * a4[i] + B[3] * a2[i];
      v2[i] = B[6] * a6[i] + B[4] * a4[i] + B[2] * a2[i];
    }
    for (int i = 0; i < n; i++) { u2[i * n + i] += B[1]; v2[i * n + i] += B[0]; }
    double[] t = DecompHost.mul(a6, u1, n, n, n);
    for (int i = 0; i < t.length; i++) t[i] += u2[i];
    double[] u = DecompHost.mul(a, t, n, n, n);
    double[] v = DecompHost.mul(a6, v1, n, n, n);
    for (int i = 0; i < v.length; i++) v[i] += v2[i];
    double[] p = new double[n * n], q = new double[n * n];
    for (int i = 0; i < p.length; i++) { p[i] = v[i] + u[i]; q[i] = v[i] - u[i]; }
    double[] r = new DecompLu(q, n).solve(p, n);
    for (int i = 0; i < s; i++) r = DecompHost.mul(r, r, n, n, n);
    return r;
  }
}
