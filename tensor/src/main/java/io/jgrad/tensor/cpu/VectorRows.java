package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Horizontal reductions of one contiguous run: two vector accumulators (to hide the add
 * latency), a lane reduction, then the scalar tail, which is {@link ScalarReduce#runD}. Sums and
 * products add up the lanes in lane order through {@link ThreadScratch#lanesF32}, never
 * {@code reduceLanes(ADD)}, whose order (so last bits) differs compiled and interpreted.
 * VectorOperators.MAX/MIN follow Math.max/min, so NaN propagates as in PyTorch.
 */
final class VectorRows {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;

  private VectorRows() {}

  static double row(ReduceOp op, Object a, int off, int n) {
    if (a instanceof float[] f) {
      return switch (op) {
        case SUM, MEAN -> sumF(f, off, n);
        case PROD -> prodF(f, off, n);
        case MAX -> maxF(f, off, n);
        case MIN -> minF(f, off, n);
        default -> throw new IllegalStateException(op + " has no vector kernel");
      };
    }
    double[] d = (double[]) a;
    return switch (op) {
      case SUM, MEAN -> sumD(d, off, n);
      case PROD -> prodD(d, off, n);
      case MAX -> maxD(d, off, n);
      case MIN -> minD(d, off, n);
      default -> throw new IllegalStateException(op + " has no vector kernel");
    };
  }

  /** Cascaded: each block is summed in float lanes, the block sums in double. */
  static double sumF(float[] a, int off, int n) {
    double total = 0;
    for (int b = 0; b < n; b += VectorReduce.BLOCK) total += sumBlockF(a, off + b, Math.min(VectorReduce.BLOCK, n - b));
    return total;
  }

  private static double sumBlockF(float[] a, int off, int n) {
    int l = F.length(), i = 0;
    FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F);
    for (; i + 2 * l <= n; i += 2 * l) {
      s0 = s0.add(FloatVector.fromArray(F, a, off + i));
      s1 = s1.add(FloatVector.fromArray(F, a, off + i + l));
    }
    for (; i + l <= n; i += l) s0 = s0.add(FloatVector.fromArray(F, a, off + i));
    float[] lanes = ThreadScratch.lanesF32();
    s0.add(s1).intoArray(lanes, 0);
    double s = 0;
    for (int j = 0; j < l; j++) s += lanes[j];
    return ScalarReduce.runD(ReduceOp.SUM, a, off + i, n - i, 1, s);
  }

  static double prodF(float[] a, int off, int n) {
    int i = 0;
    FloatVector p = FloatVector.broadcast(F, 1f);
    for (int bound = F.loopBound(n); i < bound; i += F.length()) p = p.mul(FloatVector.fromArray(F, a, off + i));
    float[] lanes = ThreadScratch.lanesF32();
    p.intoArray(lanes, 0);
    double r = 1;
    for (int j = 0; j < F.length(); j++) r *= lanes[j];
    return ScalarReduce.runD(ReduceOp.PROD, a, off + i, n - i, 1, r);
  }

  static double maxF(float[] a, int off, int n) {
    int i = 0;
    FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
    for (int bound = F.loopBound(n); i < bound; i += F.length()) m = m.max(FloatVector.fromArray(F, a, off + i));
    return ScalarReduce.runD(ReduceOp.MAX, a, off + i, n - i, 1, m.reduceLanes(VectorOperators.MAX));
  }

  static double minF(float[] a, int off, int n) {
    int i = 0;
    FloatVector m = FloatVector.broadcast(F, Float.POSITIVE_INFINITY);
    for (int bound = F.loopBound(n); i < bound; i += F.length()) m = m.min(FloatVector.fromArray(F, a, off + i));
    return ScalarReduce.runD(ReduceOp.MIN, a, off + i, n - i, 1, m.reduceLanes(VectorOperators.MIN));
  }

  static double sumD(double[] a, int off, int n) {
    int l = D.length(), i = 0;
    DoubleVector s0 = DoubleVector.zero(D), s1 = DoubleVector.zero(D);
    for (; i + 2 * l <= n; i += 2 * l) {
      s0 = s0.add(DoubleVector.fromArray(D, a, off + i));
      s1 = s1.add(DoubleVector.fromArray(D, a, off + i + l));
    }
    for (; i + l <= n; i += l) s0 = s0.add(DoubleVector.fromArray(D, a, off + i));
    double[] lanes = ThreadScratch.lanesF64();
    s0.add(s1).intoArray(lanes, 0);
    double s = 0;
    for (int j = 0; j < l; j++) s += lanes[j];
    return ScalarReduce.runD(ReduceOp.SUM, a, off + i, n - i, 1, s);
  }

  static double prodD(double[] a, int off, int n) {
    int i = 0;
    DoubleVector p = DoubleVector.broadcast(D, 1.0);
    for (int bound = D.loopBound(n); i < bound; i += D.length()) p = p.mul(DoubleVector.fromArray(D, a, off + i));
    double[] lanes = ThreadScratch.lanesF64();
    p.intoArray(lanes, 0);
    double r = 1;
    for (int j = 0; j < D.length(); j++) r *= lanes[j];
    return ScalarReduce.runD(ReduceOp.PROD, a, off + i, n - i, 1, r);
  }

  static double maxD(double[] a, int off, int n) {
    int i = 0;
    DoubleVector m = DoubleVector.broadcast(D, Double.NEGATIVE_INFINITY);
    for (int bound = D.loopBound(n); i < bound; i += D.length()) m = m.max(DoubleVector.fromArray(D, a, off + i));
    return ScalarReduce.runD(ReduceOp.MAX, a, off + i, n - i, 1, m.reduceLanes(VectorOperators.MAX));
  }

  static double minD(double[] a, int off, int n) {
    int i = 0;
    DoubleVector m = DoubleVector.broadcast(D, Double.POSITIVE_INFINITY);
    for (int bound = D.loopBound(n); i < bound; i += D.length()) m = m.min(DoubleVector.fromArray(D, a, off + i));
    return ScalarReduce.runD(ReduceOp.MIN, a, off + i, n - i, 1, m.reduceLanes(VectorOperators.MIN));
  }

  /**
   * argmax/argmin of a contiguous run: the vector extreme (NaN if any), then the first index
   * holding it (the first NaN when it is NaN). Writes the element itself, so -0.0 and 0.0 keep
   * their sign as in the scalar twin {@link ScalarReduce#argLine}.
   */
  static void arg(ReduceOp op, Object a, int off, int n, Object values, int vo, long[] idx, int io) {
    boolean max = op == ReduceOp.MAX;
    int best;
    if (a instanceof float[] f) {
      float m = (float) (max ? maxF(f, off, n) : minF(f, off, n));
      best = firstF(f, off, n, m);
      ((float[]) values)[vo] = f[off + best];
    } else {
      double[] d = (double[]) a;
      double m = max ? maxD(d, off, n) : minD(d, off, n);
      best = firstD(d, off, n, m);
      ((double[]) values)[vo] = d[off + best];
    }
    idx[io] = best;
  }

  private static int firstF(float[] a, int off, int n, float m) {
    int i = 0;
    if (Float.isNaN(m)) {
      for (int bound = F.loopBound(n); i < bound; i += F.length()) {
        FloatVector v = FloatVector.fromArray(F, a, off + i);
        if (v.test(VectorOperators.IS_NAN).anyTrue()) break;
      }
      while (!Float.isNaN(a[off + i])) i++;
      return i;
    }
    for (int bound = F.loopBound(n); i < bound; i += F.length()) {
      if (FloatVector.fromArray(F, a, off + i).eq(m).anyTrue()) break;
    }
    while (a[off + i] != m) i++;
    return i;
  }

  private static int firstD(double[] a, int off, int n, double m) {
    int i = 0;
    if (Double.isNaN(m)) {
      for (int bound = D.loopBound(n); i < bound; i += D.length()) {
        if (DoubleVector.fromArray(D, a, off + i).test(VectorOperators.IS_NAN).anyTrue()) break;
      }
      while (!Double.isNaN(a[off + i])) i++;
      return i;
    }
    for (int bound = D.loopBound(n); i < bound; i += D.length()) {
      if (DoubleVector.fromArray(D, a, off + i).eq(m).anyTrue()) break;
    }
    while (a[off + i] != m) i++;
    return i;
  }
}
