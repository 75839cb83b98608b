package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Backend;
import io.jgrad.tensor.spi.View;
import java.util.SplittableRandom;

/**
 * Seeded inputs for differential tests: the same (shape, layout, seed, values) gives the same
 * physical buffer on every backend, so the CPU and CUDA see identical data through identical views.
 */
final class Gen {
  /** How a logical shape is laid out in its buffer. */
  enum Layout { CONTIG, OFFSET, TRANSPOSED, STEP2, BROADCAST }

  /** What numbers to draw. */
  enum Values { NORMAL, EDGE, SMALLINT, POSITIVE, UNIT }

  private static final double[] EDGES = {0.0, -0.0, 1, -1, 0.5, -0.5, 1.5, 2.5, -2.5, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN, 1e-8, -3, 7, 100, -100, 0.25};

  private Gen() {}

  static int[] contiguous(int[] shape) {
    int[] s = new int[shape.length];
    int acc = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      s[d] = acc;
      acc *= shape[d];
    }
    return s;
  }

  /** Strides and offset of the layout; {@code [0]} holds the offset appended after the strides. */
  static int[] geometry(int[] shape, Layout kind) {
    int r = shape.length;
    int[] st;
    int off = 0;
    switch (kind) {
      case OFFSET -> { st = contiguous(shape); off = 3; }
      case TRANSPOSED -> {
        if (r < 2) { st = contiguous(shape); break; }
        int[] phys = shape.clone();
        phys[r - 1] = shape[r - 2];
        phys[r - 2] = shape[r - 1];
        int[] ps = contiguous(phys);
        st = ps.clone();
        st[r - 1] = ps[r - 2];
        st[r - 2] = ps[r - 1];
      }
      case STEP2 -> {
        int[] phys = shape.clone();
        if (r > 0) phys[r - 1] = shape[r - 1] * 2;
        st = contiguous(phys);
        if (r > 0) st[r - 1] = 2;
        off = 1;
      }
      case BROADCAST -> {
        int[] phys = shape.clone();
        if (r > 0) phys[0] = 1;
        st = contiguous(phys);
        if (r > 0) st[0] = 0;
      }
      default -> st = contiguous(shape);
    }
    int[] g = java.util.Arrays.copyOf(st, r + 1);
    g[r] = off;
    return g;
  }

  static int span(int[] shape, int[] strides, int off) {
    long n = 1;
    for (int s : shape) n *= s;
    if (n == 0) return off + 1;
    long last = off;
    for (int d = 0; d < shape.length; d++) last += (long) (shape[d] - 1) * strides[d];
    return Math.toIntExact(last + 2);
  }

  /** A view on {@code be} with seeded contents. */
  static View input(Backend be, DType t, int[] shape, Layout kind, long seed, Values vals) {
    int[] g = geometry(shape, kind);
    int[] st = java.util.Arrays.copyOf(g, shape.length);
    int off = g[shape.length];
    Object host = array(t, span(shape, st, off), seed, vals);
    return new View(be.upload(t, host), t, shape, st, off);
  }

  /** A zero-filled output view (targets of scatter/col2im are read, so the start is defined). */
  static View output(Backend be, DType t, int[] shape, Layout kind) {
    int[] g = geometry(shape, kind == Layout.BROADCAST ? Layout.CONTIG : kind);
    int[] st = java.util.Arrays.copyOf(g, shape.length);
    int off = g[shape.length];
    Object host = java.lang.reflect.Array.newInstance(t.carrier().componentType(), span(shape, st, off));
    return new View(be.upload(t, host), t, shape, st, off);
  }

  /** Index values in [0, bound) (INT64), contiguous. */
  static View index(Backend be, int[] shape, int bound, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    long n = 1;
    for (int s : shape) n *= s;
    long[] a = new long[(int) n];
    for (int i = 0; i < a.length; i++) a[i] = r.nextInt(Math.max(bound, 1));
    return new View(be.upload(DType.INT64, a), DType.INT64, shape, contiguous(shape), 0);
  }

  static Object array(DType t, int n, long seed, Values vals) {
    SplittableRandom r = new SplittableRandom(seed);
    switch (t) {
      case FLOAT32 -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) value(r, vals); return a; }
      case FLOAT64 -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = value(r, vals); return a; }
      case INT32 -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = intValue(r, vals); return a; }
      case INT64 -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = intValue(r, vals); return a; }
      default -> { byte[] a = new byte[n]; for (int i = 0; i < n; i++) a[i] = (byte) (r.nextInt(3) == 0 ? 0 : 1); return a; }
    }
  }

  private static double value(SplittableRandom r, Values vals) {
    return switch (vals) {
      case NORMAL -> r.nextGaussian() * 2;
      case EDGE -> r.nextInt(3) == 0 ? EDGES[r.nextInt(EDGES.length)] : r.nextGaussian() * 3;
      case SMALLINT -> r.nextInt(7) - 3;
      case POSITIVE -> Math.abs(r.nextGaussian()) + 0.05;
      case UNIT -> r.nextDouble() * 1.8 - 0.9;
    };
  }

  private static int intValue(SplittableRandom r, Values vals) {
    return vals == Values.SMALLINT || vals == Values.EDGE ? r.nextInt(7) - 3 : r.nextInt(201) - 100;
  }
}
