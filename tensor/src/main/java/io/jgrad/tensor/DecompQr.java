package io.jgrad.tensor;

/**
 * Householder QR of one row-major m x n matrix in float64, with LAPACK's reflector convention
 * (dgeqrf/dlarfg: H = I - tau v v^T, v_0 = 1, R_jj = -sign(alpha) * ||x||, and H = I when the
 * column below the diagonal is already zero), so Q and R agree with torch's up to rounding on
 * full-rank inputs.
 */
final class DecompQr {
  private DecompQr() {}

  /** {Q, R}: Q is m x qc (qc = min(m, n) when reduced, m when complete), R is qc x n. */
  static double[][] qr(double[] a0, int m, int n, boolean complete) {
    double[] a = a0.clone();
    int k = Math.min(m, n);
    double[][] vs = new double[k][];
    double[] taus = new double[k];
    double[] w = new double[n];
    for (int j = 0; j < k; j++) {
      int len = m - j;
      double[] v = new double[len];
      double alpha = a[j * n + j];
      double xnorm = 0;
      for (int i = 1; i < len; i++) xnorm = Math.hypot(xnorm, a[(j + i) * n + j]);
      double tau = 0;
      v[0] = 1;
      if (xnorm != 0 || Double.isNaN(alpha)) {
        double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
        tau = (beta - alpha) / beta;
        double scale = 1 / (alpha - beta);
        for (int i = 1; i < len; i++) v[i] = a[(j + i) * n + j] * scale;
        a[j * n + j] = beta;
        for (int i = 1; i < len; i++) a[(j + i) * n + j] = 0;
        reflect(a, n, j, j + 1, n, v, tau, w);
      }
      vs[j] = v;
      taus[j] = tau;
    }
    int qc = complete ? m : k;
    double[] q = new double[m * qc];
    for (int i = 0; i < Math.min(m, qc); i++) q[i * qc + i] = 1;
    double[] wq = new double[qc];
    for (int j = k - 1; j >= 0; j--) if (taus[j] != 0) reflect(q, qc, j, 0, qc, vs[j], taus[j], wq);
    double[] r = new double[qc * n];
    for (int i = 0; i < Math.min(qc, m); i++) {
      for (int c = i; c < n; c++) r[i * n + c] = a[i * n + c];
    }
    return new double[][] {q, r};
  }

  /** Rows row0.. of x (row length ld), columns c0..c1: x = (I - tau v v^T) x. */
  private static void reflect(double[] x, int ld, int row0, int c0, int c1, double[] v, double tau, double[] w) {
    java.util.Arrays.fill(w, c0, c1, 0);
    for (int i = 0; i < v.length; i++) {
      double vi = v[i];
      int ro = (row0 + i) * ld;
      for (int c = c0; c < c1; c++) w[c] += vi * x[ro + c];
    }
    for (int i = 0; i < v.length; i++) {
      double f = tau * v[i];
      int ro = (row0 + i) * ld;
      for (int c = c0; c < c1; c++) x[ro + c] -= f * w[c];
    }
  }
}
