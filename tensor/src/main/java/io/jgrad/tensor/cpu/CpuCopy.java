package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.View;

/**
 * Strided copies with dtype casts, and fills. Casts follow PyTorch on x86: float to int
 * truncates toward zero, and a float outside the target's range (or NaN, or +-inf) becomes
 * the target's minimum value (what x86's cvttss2si/cvttsd2si give, and torch's CPU casts
 * with them); int to narrower int wraps; anything to bool is {@code v != 0} (NaN is true).
 */
final class CpuCopy {
  private static final long PARALLEL_MIN = 1 << 20;

  private CpuCopy() {}

  static void copy(View src, View dst) {
    Object s = ((CpuBuffer) src.buffer()).array();
    Object d = ((CpuBuffer) dst.buffer()).array();
    StridedLoop loop = new StridedLoop(dst.shape(), new int[][] {src.strides(), dst.strides()},
        new int[] {src.offset(), dst.offset()});
    DType sd = src.dtype(), dd = dst.dtype();
    if (sd == dd) {
      loop.run((n, o, st) -> sameType(s, o[0], st[0], d, o[1], st[1], n), PARALLEL_MIN);
    } else if (sd.isFloatingPoint() && (dd.isFloatingPoint() || dd.isBool())) {
      loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) putDouble(dd, d, o[1] + i * st[1], getDouble(sd, s, o[0] + i * st[0]));
      }, PARALLEL_MIN);
    } else if (sd.isFloatingPoint()) {
      loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) putLong(dd, d, o[1] + i * st[1], truncate(dd, getDouble(sd, s, o[0] + i * st[0])));
      }, PARALLEL_MIN);
    } else {
      loop.run((n, o, st) -> {
        for (int i = 0; i < n; i++) putLong(dd, d, o[1] + i * st[1], getLong(sd, s, o[0] + i * st[0]));
      }, PARALLEL_MIN);
    }
  }

  private static void sameType(Object s, int so, int ss, Object d, int dof, int ds, int n) {
    if (ss == 1 && ds == 1) {
      System.arraycopy(s, so, d, dof, n);
      return;
    }
    switch (s) {
      case float[] a -> { float[] b = (float[]) d; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case double[] a -> { double[] b = (double[]) d; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case int[] a -> { int[] b = (int[]) d; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case long[] a -> { long[] b = (long[]) d; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      case byte[] a -> { byte[] b = (byte[]) d; for (int i = 0; i < n; i++) b[dof + i * ds] = a[so + i * ss]; }
      default -> throw new IllegalStateException("unknown carrier " + s.getClass());
    }
  }

  static void fill(View dst, double value) {
    Object d = ((CpuBuffer) dst.buffer()).array();
    StridedLoop loop = new StridedLoop(dst.shape(), new int[][] {dst.strides()}, new int[] {dst.offset()});
    switch (d) {
      case float[] a -> loop.run((n, o, st) -> { float v = (float) value; for (int i = 0; i < n; i++) a[o[0] + i * st[0]] = v; });
      case double[] a -> loop.run((n, o, st) -> { for (int i = 0; i < n; i++) a[o[0] + i * st[0]] = value; });
      case int[] a -> loop.run((n, o, st) -> { int v = (int) (long) value; for (int i = 0; i < n; i++) a[o[0] + i * st[0]] = v; });
      case long[] a -> loop.run((n, o, st) -> { long v = (long) value; for (int i = 0; i < n; i++) a[o[0] + i * st[0]] = v; });
      case byte[] a -> loop.run((n, o, st) -> { byte v = (byte) (value != 0 ? 1 : 0); for (int i = 0; i < n; i++) a[o[0] + i * st[0]] = v; });
      default -> throw new IllegalStateException("unknown carrier " + d.getClass());
    }
  }

  static double getDouble(DType t, Object a, int i) {
    return switch (t) {
      case FLOAT32 -> ((float[]) a)[i];
      case FLOAT64 -> ((double[]) a)[i];
      case INT32 -> ((int[]) a)[i];
      case INT64 -> ((long[]) a)[i];
      case BOOL -> ((byte[]) a)[i];
    };
  }

  /** Float to INT32/INT64 as x86 truncating conversions: out of range and NaN give the minimum. */
  static long truncate(DType to, double v) {
    if (to == DType.INT32) return v > -2147483649.0 && v < 2147483648.0 ? (long) v : Integer.MIN_VALUE;
    return v >= -0x1p63 && v < 0x1p63 ? (long) v : Long.MIN_VALUE;
  }

  static long getLong(DType t, Object a, int i) {
    return switch (t) {
      case FLOAT32 -> (long) ((float[]) a)[i];
      case FLOAT64 -> (long) ((double[]) a)[i];
      case INT32 -> ((int[]) a)[i];
      case INT64 -> ((long[]) a)[i];
      case BOOL -> ((byte[]) a)[i];
    };
  }

  static void putDouble(DType t, Object a, int i, double v) {
    switch (t) {
      case FLOAT32 -> ((float[]) a)[i] = (float) v;
      case FLOAT64 -> ((double[]) a)[i] = v;
      case INT32 -> ((int[]) a)[i] = (int) truncate(DType.INT32, v);
      case INT64 -> ((long[]) a)[i] = truncate(DType.INT64, v);
      case BOOL -> ((byte[]) a)[i] = (byte) (v != 0 ? 1 : 0);
    }
  }

  static void putLong(DType t, Object a, int i, long v) {
    switch (t) {
      case FLOAT32 -> ((float[]) a)[i] = v;
      case FLOAT64 -> ((double[]) a)[i] = v;
      case INT32 -> ((int[]) a)[i] = (int) v;
      case INT64 -> ((long[]) a)[i] = v;
      case BOOL -> ((byte[]) a)[i] = (byte) (v != 0 ? 1 : 0);
    }
  }
}
