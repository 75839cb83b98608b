package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuBackend;

/**
 * Symmetric eigendecomposition A = V diag(w) V^T of one row-major n x n matrix in float64:
 * Householder tridiagonalization followed by the implicit QL iteration with Wilkinson shifts
 * (the EISPACK tred2/tql2 pair as in JAMA). Only A's lower triangle is read. Eigenvalues
 * ascending; each eigenvector is normalized so that its largest-magnitude entry (the first
 * one on ties) is positive.
 */
final class DecompEigh {
  /** QL iterations allowed per eigenvalue before giving up (LAPACK's steqr allows 30). */
  static final int MAX_ITER = 60;

  private DecompEigh() {}

  /** {w (n), V (n x n row-major, eigenvectors in columns)}; V is null unless wantVectors. */
  static double[][] eigh(String op, double[] a, int n, boolean wantVectors) {
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) v[i][j] = a[i * n + j];
    double[] d = new double[n], e = new double[n];
    if (n == 0) return new double[][] {d, wantVectors ? new double[0] : null};
    tred2(v, d, e, n);
    // tql2 rotates pairs of eigenvector columns: keep them as rows so the rotation is contiguous.
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) w[k][i] = v[i][k];
    tql2(op, w, d, e, n, wantVectors);
    if (!wantVectors) return new double[][] {d, null};
    double[] out = new double[n * n];
    for (int j = 0; j < n; j++) {
      double[] col = w[j];
      int big = 0;
      for (int i = 1; i < n; i++) if (Math.abs(col[i]) > Math.abs(col[big])) big = i;
      double sgn = col[big] < 0 ? -1 : 1;
      for (int i = 0; i < n; i++) out[i * n + j] = sgn * col[i];
    }
    return new double[][] {d, out};
  }

  private static void tred2(double[][] v, double[] d, double[] e, int n) {
    for (int j = 0; j < n; j++) d[j] = v[n - 1][j];
    for (int i = n - 1; i > 0; i--) {
      double scale = 0, h = 0;
      for (int k = 0; k < i; k++) scale += Math.abs(d[k]);
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) g = -g;
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        // e = A d over the leading i x i block, from its lower triangle, one row at a time.
        for (int j = 0; j < i; j++) {
          e[j] = 0;
          v[j][i] = d[j];
        }
        for (int k = 0; k < i; k++) {
          double[] row = v[k];
          axpy(d[k], row, e, k);
          e[k] += dot(row, d, k) + row[k] * d[k];
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) e[j] -= hh * d[j];
        // A -= d e^T + e d^T on the lower triangle, row by row.
        for (int k = 0; k < i; k++) {
          double[] row = v[k];
          axpy(-e[k], d, row, k + 1);
          axpy(-d[k], e, row, k + 1);
        }
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    accumulate(v, d, n);
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  private static void accumulate(double[][] v, double[] d, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) d[k] = v[k][i + 1] / h;
        // g_j = sum_k v[k][i+1] v[k][j], then v[k][j] -= g_j d[k]: row-wise for contiguous access.
        java.util.Arrays.fill(g, 0, i + 1, 0);
        for (int k = 0; k <= i; k++) {
          double f = v[k][i + 1];
          double[] row = v[k];
          for (int j = 0; j <= i; j++) g[j] += f * row[j];
        }
        for (int k = 0; k <= i; k++) {
          double dk = d[k];
          double[] row = v[k];
          for (int j = 0; j <= i; j++) row[j] -= g[j] * dk;
        }
      }
      for (int k = 0; k <= i; k++) v[k][i + 1] = 0;
    }
  }

  private static void tql2(String op, double[][] w, double[] d, double[] e, int n, boolean vectors) {
    for (int i = 1; i < n; i++) e[i - 1] = e[i];
    e[n - 1] = 0;
    double f = 0, tst1 = 0;
    double eps = 0x1.0p-52;
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n) {
        if (Math.abs(e[m]) <= eps * tst1) break;
        m++;
      }
      if (m > l) {
        int iter = 0;
        do {
          if (++iter > MAX_ITER) {
            throw new ArithmeticException(op + ": the algorithm failed to converge (eigenvalue " + l + " of a " + n + "x"
                + n + " matrix after " + MAX_ITER + " QL iterations)");
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.hypot(p, 1);
          if (p < 0) r = -r;
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) d[i] -= h;
          f += h;
          p = d[m];
          double c = 1, c2 = c, c3 = c;
          double el1 = e[l + 1];
          double s = 0, s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            if (vectors) rotate(w[i], w[i + 1], c, s, n);
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    sort(w, d, n, vectors);
  }

  /** y[0, len) += a x[0, len). */
  private static void axpy(double a, double[] x, double[] y, int len) {
    for (int k = CpuBackend.SCALAR_ONLY ? 0 : DecompVector.axpy(a, x, y, len); k < len; k++) y[k] += a * x[k];
  }

  private static double dot(double[] a, double[] b, int len) { return DecompSvd.dot(a, 0, b, 0, len); }

  /** w_i, w_i+1 = c w_i - s w_i+1, s w_i + c w_i+1 (the QL plane rotation of two eigenvector rows). */
  private static void rotate(double[] wi, double[] wi1, double c, double s, int n) {
    for (int k = CpuBackend.SCALAR_ONLY ? 0 : DecompVector.rotate(wi, wi1, c, s, n); k < n; k++) {
      double h = wi1[k];
      wi1[k] = s * wi[k] + c * h;
      wi[k] = c * wi[k] - s * h;
    }
  }

  private static void sort(double[][] w, double[] d, int n, boolean vectors) {
    for (int i = 0; i < n - 1; i++) {
      int k = i;
      double p = d[i];
      for (int j = i + 1; j < n; j++) {
        if (d[j] < p) {
          k = j;
          p = d[j];
        }
      }
      if (k != i) {
        d[k] = d[i];
        d[i] = p;
        double[] t = w[i];
        w[i] = w[k];
        w[k] = t;
      }
    }
  }
}
