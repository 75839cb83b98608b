package io.jgrad.tensor;

/** Window functions for {@link Fft#stft}, as torch.hann_window / torch.hamming_window. */
final class FftWindows {
  private FftWindows() {}

  /** alpha - beta cos(2 pi i / N), N = n (periodic) or n - 1 (symmetric); [1] when n == 1. */
  static Tensor cosine(String op, int n, boolean periodic, DType dtype, double alpha, double beta) {
    if (n < 0) throw new IllegalArgumentException(op + ": window length must be >= 0, got " + n);
    if (!dtype.isFloatingPoint()) throw new IllegalArgumentException(op + ": expected a float32 or float64 dtype, got " + dtype);
    double[] w = new double[n];
    if (n == 1) w[0] = 1;
    int den = periodic ? n : n - 1;
    for (int i = 0; i < n && n > 1; i++) w[i] = alpha - beta * Math.cos(2 * Math.PI * i / den);
    Tensor t = Creation.fromArray(w, new int[] {n});
    return dtype == DType.FLOAT64 ? t : Creation.cast(t, dtype);
  }
}
