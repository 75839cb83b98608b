package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;

/**
 * Scalar reference for reductions over any strides and dtypes: floating inputs accumulate in
 * double (so float32 sums are more accurate than the float lanes of {@link VectorReduce}),
 * integral and bool inputs in long (INT64 overflow wraps, as in PyTorch). It is the oracle of
 * the differential tests.
 */
final class ScalarReduce {
  private ScalarReduce() {}

  static void reduce(ReduceOp op, View x, View out, ReduceGeometry g) {
    Object a = ((CpuBuffer) x.buffer()).array();
    Object o = ((CpuBuffer) out.buffer()).array();
    boolean floating = x.dtype().isFloatingPoint();
    if (g.outputs == 1 && g.count >= VectorReduce.SPLIT_MIN && Parallel.threads() > 1 && g.redShape.length > 0) {
      reduceOneSplit(op, x, out, g, a, o, floating);
      return;
    }
    Parallel.Range body = (lo, hi) -> {
      for (int i = lo; i < hi; i++) {
        int xb = g.xOffset + ReduceGeometry.offsetOf(i, g.keptShape, g.keptX, g.keptShape.length);
        int ob = g.outOffset + ReduceGeometry.offsetOf(i, g.keptShape, g.keptOut, g.keptShape.length);
        if (floating) {
          double v = reduceD(op, a, xb, g);
          CpuCopy.putDouble(out.dtype(), o, ob, op == ReduceOp.MEAN ? v / g.count : v);
        } else {
          CpuCopy.putLong(out.dtype(), o, ob, reduceL(op, a, xb, g));
        }
      }
    };
    if (g.outputs >= 2 && (long) g.outputs * g.count >= CpuReduce.PARALLEL_MIN) Parallel.forRange(g.outputs, body);
    else body.run(0, g.outputs);
  }

  /**
   * A single output over many elements: the reduced index space is cut into chunks (whole runs
   * when there are several runs, pieces of the one run otherwise) reduced on all threads, and
   * the partials are combined in chunk order.
   */
  private static void reduceOneSplit(ReduceOp op, View x, View out, ReduceGeometry g, Object a, Object o, boolean floating) {
    int nred = g.redShape.length;
    int inner = g.redShape[nred - 1], stride = g.redX[nred - 1], runs = g.count / inner;
    int chunks = Parallel.threads() * 4;
    double[] pd = new double[chunks];
    long[] pl = new long[chunks];
    Parallel.forChunks(chunks, chunks, (lo, hi) -> {
      for (int c = lo; c < hi; c++) {
        double accD = identityD(op);
        long accL = identityL(op);
        if (runs >= chunks) {
          for (int j = (int) ((long) runs * c / chunks), end = (int) ((long) runs * (c + 1) / chunks); j < end; j++) {
            int off = g.xOffset + ReduceGeometry.offsetOf(j, g.redShape, g.redX, nred - 1);
            if (floating) accD = runD(op, a, off, inner, stride, accD);
            else accL = runL(op, a, off, inner, stride, accL);
          }
        } else {
          for (int j = 0; j < runs; j++) {
            int s = (int) ((long) inner * c / chunks), e = (int) ((long) inner * (c + 1) / chunks);
            int off = g.xOffset + ReduceGeometry.offsetOf(j, g.redShape, g.redX, nred - 1) + s * stride;
            if (floating) accD = runD(op, a, off, e - s, stride, accD);
            else accL = runL(op, a, off, e - s, stride, accL);
          }
        }
        pd[c] = accD;
        pl[c] = accL;
      }
    });
    int ob = g.outOffset;
    if (floating) {
      double v = pd[0];
      for (int c = 1; c < chunks; c++) v = VectorReduce.combine(op, v, pd[c]);
      CpuCopy.putDouble(out.dtype(), o, ob, op == ReduceOp.MEAN ? v / g.count : v);
    } else {
      long v = pl[0];
      for (int c = 1; c < chunks; c++) v = step(op, v, pl[c]);
      CpuCopy.putLong(out.dtype(), o, ob, v);
    }
  }

  /** The reduction of the elements of one output, whose first element is at {@code xb}. */
  static double reduceD(ReduceOp op, Object a, int xb, ReduceGeometry g) {
    int nred = g.redShape.length;
    int inner = nred == 0 ? 1 : g.redShape[nred - 1];
    int stride = nred == 0 ? 1 : g.redX[nred - 1];
    int runs = g.count / inner;
    double acc = identityD(op);
    for (int j = 0; j < runs; j++) {
      acc = runD(op, a, xb + ReduceGeometry.offsetOf(j, g.redShape, g.redX, Math.max(nred - 1, 0)), inner, stride, acc);
    }
    return acc;
  }

  static long reduceL(ReduceOp op, Object a, int xb, ReduceGeometry g) {
    int nred = g.redShape.length;
    int inner = nred == 0 ? 1 : g.redShape[nred - 1];
    int stride = nred == 0 ? 1 : g.redX[nred - 1];
    int runs = g.count / inner;
    long acc = identityL(op);
    for (int j = 0; j < runs; j++) {
      acc = runL(op, a, xb + ReduceGeometry.offsetOf(j, g.redShape, g.redX, Math.max(nred - 1, 0)), inner, stride, acc);
    }
    return acc;
  }

  static double identityD(ReduceOp op) {
    return switch (op) {
      case SUM, MEAN -> 0;
      case PROD -> 1;
      case MAX -> Double.NEGATIVE_INFINITY;
      case MIN -> Double.POSITIVE_INFINITY;
      case ALL -> 1;
      case ANY -> 0;
    };
  }

  static long identityL(ReduceOp op) {
    return switch (op) {
      case SUM, MEAN, ANY -> 0;
      case PROD, ALL -> 1;
      case MAX -> Long.MIN_VALUE;
      case MIN -> Long.MAX_VALUE;
    };
  }

  /** Folds n elements at off, off+st, ... into acc; Math.max/min propagate NaN. */
  static double runD(ReduceOp op, Object arr, int off, int n, int st, double acc) {
    if (arr instanceof float[] a) {
      switch (op) {
        case SUM, MEAN -> { for (int i = 0; i < n; i++) acc += a[off + i * st]; }
        case PROD -> { for (int i = 0; i < n; i++) acc *= a[off + i * st]; }
        case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i * st]); }
        case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i * st]); }
        default -> throw new IllegalStateException(op + " on floating input");
      }
    } else {
      double[] a = (double[]) arr;
      switch (op) {
        case SUM, MEAN -> { for (int i = 0; i < n; i++) acc += a[off + i * st]; }
        case PROD -> { for (int i = 0; i < n; i++) acc *= a[off + i * st]; }
        case MAX -> { for (int i = 0; i < n; i++) acc = Math.max(acc, a[off + i * st]); }
        case MIN -> { for (int i = 0; i < n; i++) acc = Math.min(acc, a[off + i * st]); }
        default -> throw new IllegalStateException(op + " on floating input");
      }
    }
    return acc;
  }

  /** Integral twin of {@link #runD}; the carrier is resolved once, outside the loop. */
  static long runL(ReduceOp op, Object arr, int off, int n, int st, long acc) {
    switch (arr) {
      case long[] a -> { for (int i = 0; i < n; i++) acc = step(op, acc, a[off + i * st]); }
      case int[] a -> { for (int i = 0; i < n; i++) acc = step(op, acc, a[off + i * st]); }
      case byte[] a -> { for (int i = 0; i < n; i++) acc = step(op, acc, a[off + i * st]); }
      default -> throw new IllegalStateException("unknown carrier " + arr.getClass());
    }
    return acc;
  }

  private static long step(ReduceOp op, long acc, long v) {
    return switch (op) {
      case SUM, MEAN -> acc + v;
      case PROD -> acc * v;
      case MAX -> Math.max(acc, v);
      case MIN -> Math.min(acc, v);
      case ALL -> v != 0 ? acc : 0;
      case ANY -> v != 0 ? 1 : acc;
    };
  }

  /**
   * First index of the max (min) along a line of n elements; a NaN wins at once. Writes the
   * value to {@code values[vo]} and the index to {@code idx[io]}.
   */
  static void argLine(ReduceOp op, DType t, Object a, int off, int n, int st, Object values, int vo, long[] idx, int io) {
    int best = 0;
    if (t.isFloatingPoint()) {
      double bv = CpuCopy.getDouble(t, a, off);
      boolean max = op == ReduceOp.MAX;
      for (int i = 1; i < n && !Double.isNaN(bv); i++) {
        double v = CpuCopy.getDouble(t, a, off + i * st);
        if (Double.isNaN(v) || (max ? v > bv : v < bv)) {
          bv = v;
          best = i;
        }
      }
      CpuCopy.putDouble(t, values, vo, bv);
    } else {
      long bv = CpuCopy.getLong(t, a, off);
      boolean max = op == ReduceOp.MAX;
      for (int i = 1; i < n; i++) {
        long v = CpuCopy.getLong(t, a, off + i * st);
        if (max ? v > bv : v < bv) {
          bv = v;
          best = i;
        }
      }
      CpuCopy.putLong(t, values, vo, bv);
    }
    idx[io] = best;
  }
}
