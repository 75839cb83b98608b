package io.jgrad.tensor;

import io.jgrad.tensor.cpu.Parallel;

/**
 * Batched 1-D transforms on host float64 arrays in contiguous order. A tensor whose transformed
 * dim has size n is seen as [outer, n, inner] (real) or [outer, n, inner, 2] (complex pairs):
 * row {@code r = o * inner + i} starts at element {@code o * n * inner + i} with stride inner.
 * Rows are split among threads ({@link Parallel}) when the batch is large enough to pay for it.
 * Real transforms process two rows at once as one complex row {@code z = x + i y}, then split
 * the spectra with {@code X_k = (Z_k + conj Z_{n-k}) / 2}, {@code Y_k = (Z_k - conj Z_{n-k}) / 2i}.
 */
final class FftKernel {
  /** Below this many complex points in total the batch runs on the calling thread. */
  private static final long PARALLEL_MIN = 1 << 15;

  private FftKernel() {}

  private interface Rows {
    void run(FftPlan plan, FftPlan.Work w, double[] re, double[] im, int lo, int hi);
  }

  private static void forRows(int rows, int n, Rows body) {
    if (rows == 0 || n == 0) return;
    FftPlan plan = FftPlan.of(n);
    Parallel.Range chunk = (lo, hi) -> body.run(plan, new FftPlan.Work(plan), new double[n], new double[n], lo, hi);
    if (rows > 1 && (long) rows * n >= PARALLEL_MIN) Parallel.forRange(rows, chunk);
    else chunk.run(0, rows);
  }

  /** Complex to complex: out = scale * DFT (forward) or scale * conj-sign DFT (inverse). */
  static void c2c(FftArray in, FftArray out, int outer, int n, int inner, boolean forward, double scale) {
    double sign = forward ? 1 : -1;
    forRows(outer * inner, n, (plan, w, re, im, lo, hi) -> {
      for (int r = lo; r < hi; r++) {
        int base = 2 * ((r / inner) * n * inner + r % inner), st = 2 * inner;
        for (int k = 0; k < n; k++) {
          re[k] = in.get(base + k * st);
          im[k] = sign * in.get(base + k * st + 1);
        }
        plan.forward(re, im, w);
        for (int k = 0; k < n; k++) {
          out.set(base + k * st, scale * re[k]);
          out.set(base + k * st + 1, sign * scale * im[k]);
        }
      }
    });
  }

  /** Real to complex, forward sign: bins [0, nOut) with nOut = n/2+1 (onesided) or n. */
  static void r2c(FftArray in, FftArray out, int outer, int n, int inner, boolean onesided, double scale) {
    int nOut = onesided ? n / 2 + 1 : n;
    forRows(outer * inner, n, (plan, w, re, im, lo, hi) -> {
      for (int r = lo; r < hi; r += 2) {
        boolean two = r + 1 < hi;
        int b0 = (r / inner) * n * inner + r % inner;
        int b1 = two ? ((r + 1) / inner) * n * inner + (r + 1) % inner : 0;
        for (int k = 0; k < n; k++) {
          re[k] = in.get(b0 + k * inner);
          im[k] = two ? in.get(b1 + k * inner) : 0;
        }
        plan.forward(re, im, w);
        int o0 = 2 * ((r / inner) * nOut * inner + r % inner);
        int o1 = two ? 2 * (((r + 1) / inner) * nOut * inner + (r + 1) % inner) : 0;
        int st = 2 * inner;
        for (int k = 0; k < nOut; k++) {
          int nk = k == 0 ? 0 : n - k;
          double zr = re[k], zi = im[k], cr = re[nk], ci = -im[nk];
          if (!two) {
            out.set(o0 + k * st, scale * zr);
            out.set(o0 + k * st + 1, scale * zi);
            continue;
          }
          out.set(o0 + k * st, 0.5 * scale * (zr + cr));
          out.set(o0 + k * st + 1, 0.5 * scale * (zi + ci));
          out.set(o1 + k * st, 0.5 * scale * (zi - ci));
          out.set(o1 + k * st + 1, -0.5 * scale * (zr - cr));
        }
      }
    });
  }

  /**
   * Complex (onesided, n/2+1 bins) to real of length n, inverse sign: the spectrum is extended
   * by Hermitian symmetry, and the imaginary parts of bin 0 (and of bin n/2 when n is even) are
   * ignored, as pocketfft's c2r does.
   */
  static void c2r(FftArray in, FftArray out, int outer, int n, int inner, double scale) {
    int h = n / 2 + 1;
    forRows(outer * inner, n, (plan, w, re, im, lo, hi) -> {
      for (int r = lo; r < hi; r += 2) {
        boolean two = r + 1 < hi;
        int b0 = 2 * ((r / inner) * h * inner + r % inner);
        int b1 = two ? 2 * (((r + 1) / inner) * h * inner + (r + 1) % inner) : 0;
        int st = 2 * inner;
        // z = X + iY with X, Y Hermitian; the inverse is conj(F(conj z)), whose real and imaginary parts are x and y.
        for (int k = 0; k < h; k++) {
          boolean realBin = k == 0 || 2 * k == n;
          double xr = in.get(b0 + k * st), xi = realBin ? 0 : in.get(b0 + k * st + 1);
          double yr = two ? in.get(b1 + k * st) : 0, yi = two && !realBin ? in.get(b1 + k * st + 1) : 0;
          // conj(z_k) = conj(X_k) - i conj(Y_k)... written out: z_k = (xr - yi) + i (xi + yr).
          re[k] = xr - yi;
          im[k] = -(xi + yr);
          if (k > 0 && n - k >= h) {
            // z_{n-k} = conj(X_k) + i conj(Y_k) = (xr + yi) + i (yr - xi)
            re[n - k] = xr + yi;
            im[n - k] = -(yr - xi);
          }
        }
        plan.forward(re, im, w);
        int o0 = (r / inner) * n * inner + r % inner;
        int o1 = two ? ((r + 1) / inner) * n * inner + (r + 1) % inner : 0;
        for (int k = 0; k < n; k++) {
          out.set(o0 + k * inner, scale * re[k]);
          if (two) out.set(o1 + k * inner, -scale * im[k]);
        }
      }
    });
  }
}
