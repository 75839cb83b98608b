package io.jgrad.spark;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.cpu.CpuBuffer;
import io.jgrad.tensor.spi.View;

/**
 * Copies between tensors and host arrays for the collectives: directly from and into the
 * storage of a contiguous CPU tensor, through a download or an upload otherwise (a GPU tensor).
 */
final class HostCopy {
  private HostCopy() {}

  /** {@code dst[pos, pos + numel) = t * scale} (t float32). */
  static void read(Tensor t, float[] dst, int pos, float scale) {
    int n = t.numel();
    float[] src;
    int off;
    CpuBuffer b = cpuContiguous(t);
    if (b != null) {
      src = b.f32();
      off = t.layout().offset();
    } else {
      src = t.toFloatArray();
      off = 0;
    }
    if (scale == 1f) System.arraycopy(src, off, dst, pos, n);
    else for (int i = 0; i < n; i++) dst[pos + i] = src[off + i] * scale;
  }

  /** {@code dst[pos, pos + numel) = t * scale} (t float64). */
  static void read(Tensor t, double[] dst, int pos, double scale) {
    int n = t.numel();
    double[] src;
    int off;
    CpuBuffer b = cpuContiguous(t);
    if (b != null) {
      src = b.f64();
      off = t.layout().offset();
    } else {
      src = t.toDoubleArray();
      off = 0;
    }
    if (scale == 1.0) System.arraycopy(src, off, dst, pos, n);
    else for (int i = 0; i < n; i++) dst[pos + i] = src[off + i] * scale;
  }

  /** {@code t = src[pos, pos + numel) / divisor}, in place (t float32). */
  static void write(float[] src, int pos, float divisor, Tensor t) {
    int n = t.numel();
    CpuBuffer b = cpuContiguous(t);
    if (b != null) {
      float[] dst = b.f32();
      int off = t.layout().offset();
      if (divisor == 1f) System.arraycopy(src, pos, dst, off, n);
      else for (int i = 0; i < n; i++) dst[off + i] = src[pos + i] / divisor;
      b.bumpVersion();
      return;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = src[pos + i] / divisor;
    upload(v, t);
  }

  /** {@code t = src[pos, pos + numel) / divisor}, in place (t float64). */
  static void write(double[] src, int pos, double divisor, Tensor t) {
    int n = t.numel();
    CpuBuffer b = cpuContiguous(t);
    if (b != null) {
      double[] dst = b.f64();
      int off = t.layout().offset();
      if (divisor == 1.0) System.arraycopy(src, pos, dst, off, n);
      else for (int i = 0; i < n; i++) dst[off + i] = src[pos + i] / divisor;
      b.bumpVersion();
      return;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = src[pos + i] / divisor;
    upload(v, t);
  }

  private static void upload(Object values, Tensor t) {
    try (var off = Grad.disabled(); Tensor h = Tensor.fromArray(values, t.shape())) {
      t.copyFrom(h);
    }
  }

  /** The CPU buffer of a contiguous CPU tensor, or null. */
  private static CpuBuffer cpuContiguous(Tensor t) {
    if (!t.device().isCpu()) return null;
    View v = t.layout();
    return v.isContiguous() && v.buffer() instanceof CpuBuffer b ? b : null;
  }

  /** Float32 or float64, else an error naming what. */
  static DType floating(Tensor t, String what) {
    DType d = t.dtype();
    if (d != DType.FLOAT32 && d != DType.FLOAT64) {
      throw new IllegalArgumentException("data parallel: " + what + " must be float32 or float64, got " + d);
    }
    return d;
  }
}
