package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuBackend;

/**
 * Singular value decomposition A = U diag(S) V^T of one row-major m x n matrix in float64 by
 * one-sided (Hestenes) Jacobi: plane rotations orthogonalize the columns of A in place (kept as
 * contiguous rows of A^T), accumulating V; S are the final column norms and U the normalized
 * columns. Wide inputs are handled through A^T. From 96 columns on, the sweeps start from
 * A V0 with V0 the eigenvectors of A^T A (products on the fast matmul), whose columns are
 * already nearly orthogonal; the Jacobi sweeps still decide convergence and accuracy, since
 * every step is an exact orthogonal rotation of A's columns.
 *
 * <p>Sign convention: the largest-magnitude entry (the first on ties) of each left singular
 * vector u_i is positive, and v_i is flipped with it. Singular vectors of zero singular values
 * and the extra columns of a full U or V complete an orthonormal basis (Gram-Schmidt on the
 * unit vectors e_0, e_1, ...).
 */
final class DecompSvd {
  static final int MAX_SWEEPS = 60;
  /** From this many columns on, the sweeps start from A V0 (V0: eigenvectors of A^T A). */
  static final int PRECONDITION_MIN = 96;

  private DecompSvd() {}

  /** {U (m x ku), S (k), Vh (kv x n)}; ku = kv = k = min(m, n) reduced, ku = m, kv = n full; only S when !wantUv. */
  static double[][] svd(String op, double[] a, int m, int n, boolean full, boolean wantUv) {
    if (!DecompHost.finite(a)) {
      throw new ArithmeticException(op + ": The algorithm failed to converge because the input matrix contained "
          + "non-finite values (" + m + "x" + n + ")");
    }
    if (m < n) {
      double[][] t = svd(op, DecompHost.transpose(a, m, n), n, m, full, wantUv);
      if (!wantUv) return t;
      int k = m, ku = full ? m : k, kv = full ? n : k;
      // A^T = U' S V'^T, so A = V' S U'^T: U = V' (m x ku), Vh = U'^T (kv x n).
      double[] u = DecompHost.transpose(t[2], ku, m);
      double[] vh = DecompHost.transpose(t[0], n, kv);
      return fixSigns(u, t[1], vh, m, n, ku, kv, k);
    }
    int k = n;
    double[] g, vt;
    if (n >= PRECONDITION_MIN) {
      // Start from A V0, V0 the eigenvectors of A^T A: its columns are nearly orthogonal, so the
      // sweeps (which alone decide the accuracy) converge in about two instead of eight.
      Tensor at = Creation.fromArray(DecompHost.transpose(a, m, n), new int[] {n, m});
      Tensor am = Creation.fromArray(a.clone(), new int[] {m, n});
      double[] ata = at.matmul(am).toDoubleArray();
      double[] v0 = DecompEigh.eigh(op, ata, n, true)[1];
      Tensor v0t = Creation.fromArray(DecompHost.transpose(v0, n, n), new int[] {n, n});
      g = v0t.matmul(at).toDoubleArray();  // (A V0)^T: n rows of length m
      vt = wantUv ? v0t.toDoubleArray() : null;
    } else {
      g = DecompHost.transpose(a, m, n);  // n rows of length m: the columns of A
      vt = null;
      if (wantUv) {
        vt = new double[n * n];
        for (int i = 0; i < n; i++) vt[i * n + i] = 1;
      }
    }
    jacobi(op, g, vt, m, n);
    double[] s = new double[k];
    for (int i = 0; i < k; i++) s[i] = Math.sqrt(dot(g, i * m, g, i * m, m));
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) order[i] = i;
    java.util.Arrays.sort(order, (x, y) -> Double.compare(s[y], s[x]));
    double[] ss = new double[k];
    for (int i = 0; i < k; i++) ss[i] = s[order[i]];
    if (!wantUv) return new double[][] {null, ss, null};
    int ku = full ? m : k;
    double[][] ucols = new double[ku][];
    for (int i = 0; i < k; i++) {
      int c = order[i];
      if (ss[i] > 0) {
        double[] u = new double[m];
        double inv = 1 / ss[i];
        for (int r = 0; r < m; r++) u[r] = g[c * m + r] * inv;
        ucols[i] = u;
      }
    }
    complete(ucols, m);
    double[] u = new double[m * ku];
    for (int j = 0; j < ku; j++) for (int r = 0; r < m; r++) u[r * ku + j] = ucols[j][r];
    double[] vh = new double[n * n];
    for (int i = 0; i < k; i++) System.arraycopy(vt, order[i] * n, vh, i * n, n);
    return fixSigns(u, ss, vh, m, n, ku, n, k);
  }

  private static void jacobi(String op, double[] g, double[] vt, int m, int n) {
    double tol = 0x1.0p-52 * Math.max(1, Math.sqrt(m));
    double[] norm2 = new double[n];
    for (int sweep = 0; ; sweep++) {
      if (sweep == MAX_SWEEPS) {
        throw new ArithmeticException(op + ": the algorithm failed to converge after " + MAX_SWEEPS + " Jacobi sweeps ("
            + m + "x" + n + ")");
      }
      for (int i = 0; i < n; i++) norm2[i] = dot(g, i * m, g, i * m, m);
      boolean rotated = false;
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double alpha = norm2[p], beta = norm2[q];
          if (alpha == 0 || beta == 0) continue;
          double gamma = dot(g, p * m, g, q * m, m);
          if (Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
          rotated = true;
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
          if (zeta == 0) t = 1;
          double c = 1 / Math.sqrt(1 + t * t), s = c * t;
          rot(g, p * m, q * m, m, c, s);
          if (vt != null) rot(vt, p * n, q * n, n, c, s);
          norm2[p] = alpha - t * gamma;
          norm2[q] = beta + t * gamma;
        }
      }
      if (!rotated) return;
    }
  }

  static double dot(double[] a, int ao, double[] b, int bo, int len) {
    if (!CpuBackend.SCALAR_ONLY) return DecompVector.dot(a, ao, b, bo, len);
    double s = 0;
    for (int i = 0; i < len; i++) s += a[ao + i] * b[bo + i];
    return s;
  }

  /** x_p, x_q = c x_p - s x_q, s x_p + c x_q. */
  static void rot(double[] x, int po, int qo, int len, double c, double s) {
    for (int i = CpuBackend.SCALAR_ONLY ? 0 : DecompVector.rot(x, po, qo, len, c, s); i < len; i++) {
      double xp = x[po + i], xq = x[qo + i];
      x[po + i] = c * xp - s * xq;
      x[qo + i] = s * xp + c * xq;
    }
  }

  /**
   * Fills the null entries of cols (unit vectors of length m) so that all are orthonormal: each
   * new vector is the unit vector e_j farthest from the current span (smallest sum of squares of
   * row j), orthogonalized twice by Gram-Schmidt.
   */
  static void complete(double[][] cols, int m) {
    double[] rowsum = new double[m];
    for (double[] c : cols) if (c != null) for (int r = 0; r < m; r++) rowsum[r] += c[r] * c[r];
    for (int j = 0; j < cols.length; j++) {
      if (cols[j] != null) continue;
      int e = 0;
      for (int r = 1; r < m; r++) if (rowsum[r] < rowsum[e]) e = r;
      double[] v = new double[m];
      v[e] = 1;
      for (int pass = 0; pass < 2; pass++) {
        for (double[] c : cols) {
          if (c == null) continue;
          double d = dot(c, 0, v, 0, m);
          for (int r = 0; r < m; r++) v[r] -= d * c[r];
        }
      }
      double nrm = Math.sqrt(dot(v, 0, v, 0, m));
      for (int r = 0; r < m; r++) {
        v[r] /= nrm;
        rowsum[r] += v[r] * v[r];
      }
      cols[j] = v;
    }
  }

  private static double[][] fixSigns(double[] u, double[] s, double[] vh, int m, int n, int ku, int kv, int k) {
    for (int j = 0; j < ku; j++) {
      int big = 0;
      for (int r = 1; r < m; r++) if (Math.abs(u[r * ku + j]) > Math.abs(u[big * ku + j])) big = r;
      if (u[big * ku + j] >= 0) continue;
      for (int r = 0; r < m; r++) u[r * ku + j] = -u[r * ku + j];
      if (j < kv) for (int c = 0; c < n; c++) vh[j * n + c] = -vh[j * n + c];
    }
    return new double[][] {u, s, vh};
  }
}
