package io.jgrad.tensor;

import java.util.Arrays;

/**
 * Moves batches of matrices between tensors and host float64 arrays for the decompositions.
 * Every {@link Linalg} kernel computes in float64 on the host (float32 inputs are widened and
 * the results rounded back), from {@code x.contiguous()}. Inputs on another device are
 * downloaded and the results uploaded to that device; the first time this happens a log line
 * says the host fallback is used (STYLE.md section 4: no silent copies).
 */
final class DecompHost {
  private static final System.Logger LOG = System.getLogger("io.jgrad.tensor.Linalg");
  private static volatile boolean logged;

  private DecompHost() {}

  /** A batch of row-major matrices {@code [batch][rows * cols]} with the tensor's batch shape. */
  record Batch(double[][] mats, int[] batchShape, int rows, int cols) {
    int count() { return mats.length; }
  }

  /** Checks a floating point tensor of rank >= 2 (and square when asked). */
  static void checkMatrix(String op, Tensor x, boolean square) {
    if (!x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected a floating point tensor (float32 or float64), got "
          + x.dtype().name().toLowerCase() + " with shape " + Shapes.str(x.shape()));
    }
    if (x.dim() < 2) {
      throw new IllegalArgumentException(op + ": the input tensor A must have at least 2 dimensions, got shape "
          + Shapes.str(x.shape()));
    }
    if (square && x.size(-1) != x.size(-2)) {
      throw new IllegalArgumentException(op + ": A must be batches of square matrices, but they are "
          + x.size(-2) + " by " + x.size(-1) + " matrices (shape " + Shapes.str(x.shape()) + ")");
    }
  }

  /** The matrices of x ([..., rows, cols]) as float64 row-major arrays. */
  static Batch matrices(String op, Tensor x) {
    if (!x.device().isCpu() && !logged) {
      logged = true;
      LOG.log(System.Logger.Level.INFO, op + ": no " + x.device() + " kernel for linalg decompositions; computing on the"
          + " host in float64 and uploading the results (logged once)");
    }
    int[] s = x.shape();
    int r = s[s.length - 2], c = s[s.length - 1];
    int[] batch = Arrays.copyOf(s, s.length - 2);
    int count = Shapes.numel(batch);
    double[] all;
    try (GradMode.Scope off = GradMode.disabled()) {
      // Download in the input's dtype (no device-side cast) and widen on the host.
      Object host = x.numel() == 0 ? new double[0] : x.backend().download(x.layout());
      if (host instanceof float[] f) {
        all = new double[f.length];
        for (int i = 0; i < f.length; i++) all[i] = f[i];
      } else {
        all = (double[]) host;
      }
    }
    double[][] mats = new double[count][];
    for (int b = 0; b < count; b++) mats[b] = Arrays.copyOfRange(all, b * r * c, (b + 1) * r * c);
    return new Batch(mats, batch, r, c);
  }

  /**
   * A tensor [batch..., tail...] of {@code like}'s dtype from per-batch arrays, uploaded
   * through {@code like}'s own backend when it is not the CPU.
   */
  static Tensor tensor(Tensor like, int[] batchShape, int[] tail, double[][] parts) {
    int[] shape = concat(batchShape, tail);
    int per = Shapes.numel(tail);
    double[] all = new double[per * parts.length];
    for (int b = 0; b < parts.length; b++) System.arraycopy(parts[b], 0, all, b * per, per);
    Tensor t = Creation.fromArray(all, shape);
    DType dtype = like.dtype();
    if (dtype != DType.FLOAT64) {
      Tensor c = Creation.cast(t, dtype);
      t.close();
      t = c;
    }
    if (like.device().isCpu()) return t;
    Object host = t.backend().download(t.layout());
    t.close();
    io.jgrad.tensor.spi.Backend backend = like.backend();
    return Tensor.wrap(backend, new io.jgrad.tensor.spi.View(backend.upload(dtype, host), dtype, shape,
        Shapes.contiguousStrides(shape), 0));
  }

  static int[] concat(int[] a, int... b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** Machine epsilon of the input's dtype (torch's default tolerances use it). */
  static double eps(DType d) { return d == DType.FLOAT32 ? 0x1.0p-23 : 0x1.0p-52; }

  /** Transpose of a row-major r x c matrix. */
  static double[] transpose(double[] a, int r, int c) {
    double[] t = new double[a.length];
    for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j * r + i] = a[i * c + j];
    return t;
  }

  static boolean finite(double[] a) {
    for (double v : a) if (!Double.isFinite(v)) return false;
    return true;
  }

  /** C = A B for row-major A (m x k) and B (k x n); ikj order keeps the inner loop contiguous. */
  static double[] mul(double[] a, double[] b, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < k; p++) {
        double v = a[i * k + p];
        int bo = p * n, co = i * n;
        for (int j = 0; j < n; j++) c[co + j] += v * b[bo + j];
      }
    }
    return c;
  }
}
