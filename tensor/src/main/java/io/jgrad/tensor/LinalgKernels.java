package io.jgrad.tensor;

/**
 * The forward computations behind {@link Linalg}: one host float64 kernel call per matrix of
 * the batch (see {@link DecompHost}), results packed into tensors of the input's dtype and
 * device. Multi-output decompositions return one flat "packed" tensor per batch element
 * ([batch..., total]) that {@link Linalg} splits into recorded views, so that autograd sees a
 * single op whose gradient gathers the gradients of every output.
 */
final class LinalgKernels {
  private LinalgKernels() {}

  /** Packed [U (m*ku) | S (k) | Vh (kv*n)] per batch element. */
  static Tensor svdPacked(Tensor a, boolean full) {
    DecompHost.Batch b = DecompHost.matrices("linalg.svd", a);
    int m = b.rows(), n = b.cols(), k = Math.min(m, n), ku = full ? m : k, kv = full ? n : k;
    int total = m * ku + k + kv * n;
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      double[][] r = DecompSvd.svd("linalg.svd", b.mats()[i], m, n, full, true);
      double[] p = new double[total];
      System.arraycopy(r[0], 0, p, 0, m * ku);
      System.arraycopy(r[1], 0, p, m * ku, k);
      System.arraycopy(r[2], 0, p, m * ku + k, kv * n);
      parts[i] = p;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {total}, parts);
  }

  static Tensor svdvals(Tensor a) {
    DecompHost.Batch b = DecompHost.matrices("linalg.svdvals", a);
    int m = b.rows(), n = b.cols();
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) parts[i] = DecompSvd.svd("linalg.svdvals", b.mats()[i], m, n, false, false)[1];
    return DecompHost.tensor(a, b.batchShape(), new int[] {Math.min(m, n)}, parts);
  }

  /** Packed [w (n) | V (n*n)]. */
  static Tensor eighPacked(Tensor a, boolean upper, boolean vectors) {
    DecompHost.Batch b = DecompHost.matrices("linalg.eigh", a);
    int n = b.rows();
    int total = vectors ? n + n * n : n;
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      double[] m = upper ? DecompHost.transpose(b.mats()[i], n, n) : b.mats()[i];
      if (!DecompHost.finite(lowerTriangle(m, n))) {
        throw new ArithmeticException("linalg.eigh: The algorithm failed to converge because the input matrix contained"
            + " non-finite values" + element(b, i));
      }
      double[][] r = DecompEigh.eigh("linalg.eigh", m, n, vectors);
      double[] p = new double[total];
      System.arraycopy(r[0], 0, p, 0, n);
      if (vectors) System.arraycopy(r[1], 0, p, n, n * n);
      parts[i] = p;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {total}, parts);
  }

  private static double[] lowerTriangle(double[] m, int n) {
    double[] l = new double[n * (n + 1) / 2];
    int c = 0;
    for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) l[c++] = m[i * n + j];
    return l;
  }

  static String element(DecompHost.Batch b, int i) { return b.count() > 1 || b.batchShape().length > 0 ? " (batch element " + i + ")" : ""; }

  /** Packed [Q (m*qc) | R (qc*n)]. */
  static Tensor qrPacked(Tensor a, boolean complete) {
    DecompHost.Batch b = DecompHost.matrices("linalg.qr", a);
    int m = b.rows(), n = b.cols(), qc = complete ? m : Math.min(m, n);
    int total = m * qc + qc * n;
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      double[][] r = DecompQr.qr(b.mats()[i], m, n, complete);
      double[] p = new double[total];
      System.arraycopy(r[0], 0, p, 0, m * qc);
      System.arraycopy(r[1], 0, p, m * qc, qc * n);
      parts[i] = p;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {total}, parts);
  }

  static Tensor cholesky(Tensor a, boolean upper) {
    DecompHost.Batch b = DecompHost.matrices("linalg.cholesky", a);
    int n = b.rows();
    double[][] parts = new double[b.count()][];
    int[] failed = new int[1];
    for (int i = 0; i < b.count(); i++) {
      double[] m = upper ? DecompHost.transpose(b.mats()[i], n, n) : b.mats()[i];
      double[] l = DecompCholesky.lower(m, n, failed);
      if (l == null) {
        String batch = b.count() > 1 || b.batchShape().length > 0 ? "(Batch element " + i + "): " : "";
        throw new ArithmeticException("linalg.cholesky: " + batch + "The factorization could not be completed because the"
            + " input is not positive-definite (the leading minor of order " + failed[0] + " is not positive-definite).");
      }
      parts[i] = upper ? DecompHost.transpose(l, n, n) : l;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {n, n}, parts);
  }

  /** X = A^-1 B for A [..., n, n] and B [..., n, k] with equal batch shapes. */
  static Tensor solve(Tensor a, Tensor bm) {
    DecompHost.Batch ab = DecompHost.matrices("linalg.solve", a), bb = DecompHost.matrices("linalg.solve", bm);
    int n = ab.rows(), k = bb.cols();
    double[][] parts = new double[ab.count()][];
    for (int i = 0; i < ab.count(); i++) {
      DecompLu lu = new DecompLu(ab.mats()[i], n);
      if (lu.zeroPivot != 0) {
        throw new ArithmeticException("linalg.solve: The solver failed because the input matrix is singular"
            + element(ab, i) + " (U[" + (lu.zeroPivot - 1) + ", " + (lu.zeroPivot - 1) + "] of its LU factorization is"
            + " exactly zero).");
      }
      parts[i] = lu.solve(bb.mats()[i], k);
    }
    return DecompHost.tensor(a, ab.batchShape(), new int[] {n, k}, parts);
  }

  static Tensor inv(Tensor a) {
    DecompHost.Batch b = DecompHost.matrices("linalg.inv", a);
    int n = b.rows();
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      DecompLu lu = new DecompLu(b.mats()[i], n);
      if (lu.zeroPivot != 0) {
        throw new ArithmeticException("linalg.inv: " + (b.count() > 1 || b.batchShape().length > 0 ? "(Batch element "
            + i + "): " : "") + "The diagonal element " + lu.zeroPivot + " is zero, the inversion could not be completed"
            + " because the input matrix is singular.");
      }
      parts[i] = lu.inverse();
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {n, n}, parts);
  }

  /** det when which == 0, sign when 1, log|det| when 2. */
  static Tensor det(Tensor a, int which) {
    DecompHost.Batch b = DecompHost.matrices("linalg.det", a);
    int n = b.rows();
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      DecompLu lu = new DecompLu(b.mats()[i], n);
      parts[i] = new double[] {which == 0 ? lu.det() : lu.slogdet()[which - 1]};
    }
    return DecompHost.tensor(a, b.batchShape(), new int[0], parts);
  }

  static Tensor matrixExp(Tensor a) {
    DecompHost.Batch b = DecompHost.matrices("linalg.matrix_exp", a);
    int n = b.rows();
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) parts[i] = DecompExp.exp(b.mats()[i], n);
    return DecompHost.tensor(a, b.batchShape(), new int[] {n, n}, parts);
  }

  /**
   * Pseudo-inverse: V diag(1/s_i) U^T over the singular values s_i > max(atol, rtol * s_max)
   * (hermitian: V diag(1/w_i) V^T over |w_i| above the same cutoff on |w|).
   */
  static Tensor pinv(Tensor a, double atol, double rtol, boolean hermitian) {
    DecompHost.Batch b = DecompHost.matrices("linalg.pinv", a);
    int m = b.rows(), n = b.cols(), k = Math.min(m, n);
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      double[] out = new double[n * m];
      if (hermitian) {
        double[][] r = DecompEigh.eigh("linalg.pinv", b.mats()[i], n, true);
        double max = 0;
        for (double w : r[0]) max = Math.max(max, Math.abs(w));
        double cut = Math.max(atol, rtol * max);
        for (int j = 0; j < n; j++) {
          double w = r[0][j];
          if (!(Math.abs(w) > cut)) continue;
          for (int x = 0; x < n; x++) {
            double f = r[1][x * n + j] / w;
            for (int y = 0; y < n; y++) out[x * n + y] += f * r[1][y * n + j];
          }
        }
      } else {
        double[][] r = DecompSvd.svd("linalg.pinv", b.mats()[i], m, n, false, true);
        double cut = Math.max(atol, rtol * (k == 0 ? 0 : r[1][0]));
        for (int j = 0; j < k; j++) {
          double s = r[1][j];
          if (!(s > cut)) continue;
          // out (n x m) += v_j u_j^T / s
          for (int x = 0; x < n; x++) {
            double f = r[2][j * n + x] / s;
            for (int y = 0; y < m; y++) out[x * m + y] += f * r[0][y * k + j];
          }
        }
      }
      parts[i] = out;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {n, m}, parts);
  }

  /** V diag(sqrt(w)) V^T from the eigendecomposition of the lower triangle (NaN where w < -n eps max|w|). */
  static Tensor matrixSqrt(Tensor a) {
    DecompHost.Batch b = DecompHost.matrices("linalg.matrixSqrt", a);
    int n = b.rows();
    double[][] parts = new double[b.count()][];
    for (int i = 0; i < b.count(); i++) {
      if (!DecompHost.finite(lowerTriangle(b.mats()[i], n))) {
        double[] nan = new double[n * n];
        java.util.Arrays.fill(nan, Double.NaN);
        parts[i] = nan;
        continue;
      }
      double[][] r = DecompEigh.eigh("linalg.matrixSqrt", b.mats()[i], n, true);
      double[] out = new double[n * n];
      double max = 0;
      for (double w : r[0]) max = Math.max(max, Math.abs(w));
      for (int j = 0; j < n; j++) {
        // Round-off negatives of a semidefinite input count as 0; clearly negative ones give NaN.
        double w = r[0][j];
        double sq = Math.sqrt(w < 0 && -w <= n * 0x1.0p-52 * max ? 0 : w);
        for (int x = 0; x < n; x++) {
          double f = r[1][x * n + j] * sq;
          for (int y = 0; y < n; y++) out[x * n + y] += f * r[1][y * n + j];
        }
      }
      parts[i] = out;
    }
    return DecompHost.tensor(a, b.batchShape(), new int[] {n, n}, parts);
  }
}
