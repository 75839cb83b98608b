package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API (log-)softmax of one contiguous line: a vector max pass, a vector
 * exp(x - max)-and-sum pass (softmax stores the exponentials so the last pass only scales),
 * and a vector scale (or subtract, for log-softmax) pass. Tails use the scalar formulas of
 * {@link CpuSoftmax}. The sum of a float line is cascaded: float lanes per block, blocks in double.
 */
final class VectorSoftmax {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;

  private VectorSoftmax() {}

  static void lineF(float[] a, int xo, float[] o, int oo, int n, boolean log) {
    float m = (float) VectorRows.maxF(a, xo, n);
    double s = 0;
    for (int b = 0; b < n; b += VectorReduce.BLOCK) s += expSumF(a, xo + b, o, oo + b, Math.min(VectorReduce.BLOCK, n - b), m, !log);
    int k = 0, bound = F.loopBound(n);
    if (log) {
      float shift = (float) Math.log(s);
      for (; k < bound; k += F.length()) {
        FloatVector.fromArray(F, a, xo + k).sub(m).sub(shift).intoArray(o, oo + k);
      }
      for (; k < n; k++) o[oo + k] = (float) (a[xo + k] - m - (double) shift);
    } else {
      float inv = (float) (1 / s);
      for (; k < bound; k += F.length()) FloatVector.fromArray(F, o, oo + k).mul(inv).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] *= inv;
    }
  }

  /** sum exp(x - m) over a block; stores the exponentials into o when {@code store}. */
  private static double expSumF(float[] a, int xo, float[] o, int oo, int n, float m, boolean store) {
    int k = 0, bound = F.loopBound(n);
    FloatVector acc = FloatVector.zero(F);
    for (; k < bound; k += F.length()) {
      FloatVector e = FloatVector.fromArray(F, a, xo + k).sub(m).lanewise(VectorOperators.EXP);
      if (store) e.intoArray(o, oo + k);
      acc = acc.add(e);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      float e = (float) Math.exp(a[xo + k] - m);
      if (store) o[oo + k] = e;
      s += e;
    }
    return s;
  }

  static void lineD(double[] a, int xo, double[] o, int oo, int n, boolean log) {
    double m = VectorRows.maxD(a, xo, n);
    int k = 0, bound = D.loopBound(n);
    DoubleVector acc = DoubleVector.zero(D);
    for (; k < bound; k += D.length()) {
      DoubleVector e = DoubleVector.fromArray(D, a, xo + k).sub(m).lanewise(VectorOperators.EXP);
      if (!log) e.intoArray(o, oo + k);
      acc = acc.add(e);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; k < n; k++) {
      double e = Math.exp(a[xo + k] - m);
      if (!log) o[oo + k] = e;
      s += e;
    }
    k = 0;
    if (log) {
      double ls = Math.log(s);
      for (; k < bound; k += D.length()) DoubleVector.fromArray(D, a, xo + k).sub(m).sub(ls).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] = a[xo + k] - m - ls;
    } else {
      double inv = 1 / s;
      for (; k < bound; k += D.length()) DoubleVector.fromArray(D, o, oo + k).mul(inv).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] *= inv;
    }
  }
}
