package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;

/**
 * (Log-)softmax along one axis, per line: m = max, s = sum exp(x - m), then exp(x - m) / s or
 * x - m - log s. Lines that are contiguous in input and output take the Vector API kernel
 * ({@link VectorSoftmax}: vector max, vector exp-and-sum, vector scale); others, and
 * everything under {@link CpuBackend#scalarOnly()}, take the scalar twin here. Lines run in
 * parallel above {@link #PARALLEL_MIN} elements.
 */
final class CpuSoftmax {
  static final long PARALLEL_MIN = 1 << 14;

  private CpuSoftmax() {}

  static void softmax(View x, int axis, boolean log, View out) {
    int width = CpuBackend.scalarOnly() ? 0 : LineGeometry.blockWidth(x, out, axis);
    if (width > 0) {
      Object a = ((CpuBuffer) x.buffer()).array();
      Object o = ((CpuBuffer) out.buffer()).array();
      int n = x.size(axis);
      LineGeometry.forBlocks(x, out, axis, width, PARALLEL_MIN, (xo, oo, c0, c1) -> {
        if (a instanceof float[] f) VectorSoftmaxColumns.columnsF(f, xo, (float[]) o, oo, n, width, c0, c1, log);
        else VectorSoftmaxColumns.columnsD((double[]) a, xo, (double[]) o, oo, n, width, c0, c1, log);
      });
      return;
    }
    LineGeometry lg = new LineGeometry(x.shape(), axis, new int[][] {x.strides(), out.strides()},
        new int[] {x.offset(), out.offset()});
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    int xs = lg.axisStride[0], os = lg.axisStride[1], n = lg.n;
    boolean vector = !CpuBackend.scalarOnly() && (xs == 1 || n == 1) && (os == 1 || n == 1);
    lg.run((lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        int xo = lg.base(0, i), oo = lg.base(1, i);
        if (a instanceof float[] f) {
          if (vector) VectorSoftmax.lineF(f, xo, (float[]) o, oo, n, log);
          else lineF(f, xo, xs, (float[]) o, oo, os, n, log);
        } else {
          if (vector) VectorSoftmax.lineD((double[]) a, xo, (double[]) o, oo, n, log);
          else lineD((double[]) a, xo, xs, (double[]) o, oo, os, n, log);
        }
      }
    }, PARALLEL_MIN);
  }

  /** Scalar reference; exp in double. */
  static void lineF(float[] a, int xo, int xs, float[] o, int oo, int os, int n, boolean log) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) m = Math.max(m, a[xo + k * xs]);
    double s = 0;
    for (int k = 0; k < n; k++) s += Math.exp(a[xo + k * xs] - m);
    if (log) {
      double ls = Math.log(s);
      for (int k = 0; k < n; k++) o[oo + k * os] = (float) (a[xo + k * xs] - m - ls);
    } else {
      for (int k = 0; k < n; k++) o[oo + k * os] = (float) (Math.exp(a[xo + k * xs] - m) / s);
    }
  }

  static void lineD(double[] a, int xo, int xs, double[] o, int oo, int os, int n, boolean log) {
    double m = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < n; k++) m = Math.max(m, a[xo + k * xs]);
    double s = 0;
    for (int k = 0; k < n; k++) s += Math.exp(a[xo + k * xs] - m);
    if (log) {
      double ls = Math.log(s);
      for (int k = 0; k < n; k++) o[oo + k * os] = a[xo + k * xs] - m - ls;
    } else {
      for (int k = 0; k < n; k++) o[oo + k * os] = Math.exp(a[xo + k * xs] - m) / s;
    }
  }
}
