package io.jgrad.tensor;

import io.jgrad.tensor.cpu.CpuBuffer;

/**
 * A host array seen by the FFT kernels: float64 or float32 (exactly one of d, f is set), element
 * i at {@code off + i}. Reads widen to double, writes round to float for float32, so the kernels
 * need no conversion passes and read a contiguous CPU tensor's memory in place.
 */
record FftArray(double[] d, float[] f, int off) {
  double get(int i) { return d != null ? d[off + i] : f[off + i]; }

  void set(int i, double v) {
    if (d != null) d[off + i] = v;
    else f[off + i] = (float) v;
  }

  /** The elements of t in row-major order: t's own memory when it is a contiguous CPU tensor, else a copy. */
  static FftArray of(Tensor t) {
    if (t.device().isCpu() && t.isContiguous()) return over(((CpuBuffer) t.layout().buffer()).array(), t.offset());
    return over(t.backend().download(t.layout()), 0);
  }

  private static FftArray over(Object a, int off) {
    if (a instanceof double[] x) return new FftArray(x, null, off);
    if (a instanceof float[] x) return new FftArray(null, x, off);
    throw new IllegalArgumentException("fft: expected a float32 or float64 tensor, got " + a.getClass().getSimpleName());
  }
}
