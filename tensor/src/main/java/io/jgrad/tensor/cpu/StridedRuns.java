package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import java.util.Arrays;

/**
 * Moves runs of {@code n} elements between carrier arrays with any element strides: copy, zero
 * and accumulate. Kernels that walk windows (im2col, col2im) pick one instance per call with
 * {@link #of}, so the dtype dispatch stays outside their loops. Each operation has a scalar
 * strided form (the reference) and a unit-stride fast form ({@code System.arraycopy},
 * {@code Arrays.fill}, Vector API adds in {@link VectorAdd}) that callers use only when
 * {@code fast} is set.
 */
abstract class StridedRuns {
  /** The runs for one dtype. */
  static StridedRuns of(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> F32.INSTANCE;
      case FLOAT64 -> F64.INSTANCE;
      case INT32 -> I32.INSTANCE;
      case INT64 -> I64.INSTANCE;
      case BOOL -> Bool.INSTANCE;
    };
  }

  /** dst[d0 + i*ds] = src[s0 + i*ss] for i in [0, n). */
  final void copy(Object src, int s0, int ss, Object dst, int d0, int ds, int n, boolean fast) {
    if (n <= 0) return;
    if (fast && ss == 1 && ds == 1) System.arraycopy(src, s0, dst, d0, n);
    else copyStrided(src, s0, ss, dst, d0, ds, n);
  }

  /** dst[d0 + i*ds] = 0 for i in [0, n). */
  final void zero(Object dst, int d0, int ds, int n, boolean fast) {
    if (n <= 0) return;
    if (fast && ds == 1) fill(dst, d0, d0 + n);
    else zeroStrided(dst, d0, ds, n);
  }

  /** dst[d0 + i*ds] += src[s0 + i*ss] for i in [0, n) (logical or for bool). */
  final void add(Object src, int s0, int ss, Object dst, int d0, int ds, int n, boolean fast) {
    if (n <= 0) return;
    if (fast && ss == 1 && ds == 1) addUnit(src, s0, dst, d0, n);
    else addStrided(src, s0, ss, dst, d0, ds, n);
  }

  abstract void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n);

  abstract void zeroStrided(Object dst, int d0, int ds, int n);

  abstract void fill(Object dst, int from, int to);

  abstract void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n);

  /** Unit-stride add; the Vector API form where the dtype has one. */
  void addUnit(Object src, int s0, Object dst, int d0, int n) { addStrided(src, s0, 1, dst, d0, 1, n); }

  private static final class F32 extends StridedRuns {
    static final F32 INSTANCE = new F32();

    void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      float[] s = (float[]) src, d = (float[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = s[s0 + i * ss];
    }

    void zeroStrided(Object dst, int d0, int ds, int n) {
      float[] d = (float[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = 0f;
    }

    void fill(Object dst, int from, int to) { Arrays.fill((float[]) dst, from, to, 0f); }

    void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      float[] s = (float[]) src, d = (float[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] += s[s0 + i * ss];
    }

    @Override
    void addUnit(Object src, int s0, Object dst, int d0, int n) { VectorAdd.f32((float[]) src, s0, (float[]) dst, d0, n); }
  }

  private static final class F64 extends StridedRuns {
    static final F64 INSTANCE = new F64();

    void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      double[] s = (double[]) src, d = (double[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = s[s0 + i * ss];
    }

    void zeroStrided(Object dst, int d0, int ds, int n) {
      double[] d = (double[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = 0d;
    }

    void fill(Object dst, int from, int to) { Arrays.fill((double[]) dst, from, to, 0d); }

    void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      double[] s = (double[]) src, d = (double[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] += s[s0 + i * ss];
    }

    @Override
    void addUnit(Object src, int s0, Object dst, int d0, int n) { VectorAdd.f64((double[]) src, s0, (double[]) dst, d0, n); }
  }

  private static final class I32 extends StridedRuns {
    static final I32 INSTANCE = new I32();

    void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      int[] s = (int[]) src, d = (int[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = s[s0 + i * ss];
    }

    void zeroStrided(Object dst, int d0, int ds, int n) {
      int[] d = (int[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = 0;
    }

    void fill(Object dst, int from, int to) { Arrays.fill((int[]) dst, from, to, 0); }

    void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      int[] s = (int[]) src, d = (int[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] += s[s0 + i * ss];
    }
  }

  private static final class I64 extends StridedRuns {
    static final I64 INSTANCE = new I64();

    void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      long[] s = (long[]) src, d = (long[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = s[s0 + i * ss];
    }

    void zeroStrided(Object dst, int d0, int ds, int n) {
      long[] d = (long[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = 0L;
    }

    void fill(Object dst, int from, int to) { Arrays.fill((long[]) dst, from, to, 0L); }

    void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      long[] s = (long[]) src, d = (long[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] += s[s0 + i * ss];
    }
  }

  private static final class Bool extends StridedRuns {
    static final Bool INSTANCE = new Bool();

    void copyStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      byte[] s = (byte[]) src, d = (byte[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = s[s0 + i * ss];
    }

    void zeroStrided(Object dst, int d0, int ds, int n) {
      byte[] d = (byte[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] = 0;
    }

    void fill(Object dst, int from, int to) { Arrays.fill((byte[]) dst, from, to, (byte) 0); }

    void addStrided(Object src, int s0, int ss, Object dst, int d0, int ds, int n) {
      byte[] s = (byte[]) src, d = (byte[]) dst;
      for (int i = 0; i < n; i++) d[d0 + i * ds] |= s[s0 + i * ss];
    }
  }
}
