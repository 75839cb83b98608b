package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;

/**
 * Inclusive scans along one axis, any strides. Floating inputs accumulate in double (PyTorch's
 * CPU accumulate type for float32 is double too), INT64 in long. A scan is a serial
 * dependence along the line, so lines run in parallel instead.
 */
final class CpuScan {
  private static final long PARALLEL_MIN = 1 << 16;

  private CpuScan() {}

  static void scan(ScanOp op, View x, int axis, View out) {
    int width = LineGeometry.blockWidth(x, out, axis);
    if (width > 0) {
      scanRows(op, x, axis, out, width);
      return;
    }
    LineGeometry lg = new LineGeometry(x.shape(), axis, new int[][] {x.strides(), out.strides()},
        new int[] {x.offset(), out.offset()});
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    int xs = lg.axisStride[0], os = lg.axisStride[1], n = lg.n;
    boolean sum = op == ScanOp.CUMSUM;
    lg.run((lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        int xo = lg.base(0, i), oo = lg.base(1, i);
        switch (a) {
          case float[] f -> {
            float[] r = (float[]) o;
            double acc = sum ? 0 : 1;
            for (int k = 0; k < n; k++) r[oo + k * os] = (float) (acc = sum ? acc + f[xo + k * xs] : acc * f[xo + k * xs]);
          }
          case double[] d -> {
            double[] r = (double[]) o;
            double acc = sum ? 0 : 1;
            for (int k = 0; k < n; k++) r[oo + k * os] = acc = sum ? acc + d[xo + k * xs] : acc * d[xo + k * xs];
          }
          case long[] l -> {
            long[] r = (long[]) o;
            long acc = sum ? 0 : 1;
            for (int k = 0; k < n; k++) r[oo + k * os] = acc = sum ? acc + l[xo + k * xs] : acc * l[xo + k * xs];
          }
          default -> throw new IllegalArgumentException("scan: unsupported dtype " + x.dtype()
              + " (the tensor layer casts integral inputs to int64)");
        }
      }
    }, PARALLEL_MIN);
  }

  /** Scan of the columns of [n, width] blocks, one row at a time. */
  private static void scanRows(ScanOp op, View x, int axis, View out, int width) {
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    int n = x.size(axis);
    boolean sum = op == ScanOp.CUMSUM;
    LineGeometry.forBlocks(x, out, axis, width, PARALLEL_MIN, (xo, oo, c0, c1) -> {
      int w = c1 - c0;
      switch (a) {
        case float[] f -> {
          float[] r = (float[]) o;
          double[] acc = new double[w];
          java.util.Arrays.fill(acc, sum ? 0 : 1);
          for (int row = 0; row < n; row++) {
            int xr = xo + row * width + c0, orow = oo + row * width + c0;
            for (int k = 0; k < w; k++) r[orow + k] = (float) (acc[k] = sum ? acc[k] + f[xr + k] : acc[k] * f[xr + k]);
          }
        }
        case double[] d -> {
          double[] r = (double[]) o;
          double[] acc = new double[w];
          java.util.Arrays.fill(acc, sum ? 0 : 1);
          for (int row = 0; row < n; row++) {
            int xr = xo + row * width + c0, orow = oo + row * width + c0;
            for (int k = 0; k < w; k++) r[orow + k] = acc[k] = sum ? acc[k] + d[xr + k] : acc[k] * d[xr + k];
          }
        }
        case long[] l -> {
          long[] r = (long[]) o;
          long[] acc = new long[w];
          java.util.Arrays.fill(acc, sum ? 0 : 1);
          for (int row = 0; row < n; row++) {
            int xr = xo + row * width + c0, orow = oo + row * width + c0;
            for (int k = 0; k < w; k++) r[orow + k] = acc[k] = sum ? acc[k] + l[xr + k] : acc[k] * l[xr + k];
          }
        }
        default -> throw new IllegalArgumentException("scan: unsupported dtype " + x.dtype());
      }
    });
  }
}
