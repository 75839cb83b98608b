package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * (Log-)softmax along an outer axis of a contiguous block [n, width]: the lines are the columns,
 * so the three passes run over whole rows, lane by lane, with the running max and sum held in
 * scratch rows. Walking a column element by element would touch one cache line per element;
 * this reads each row once per pass. Columns past the last full vector use the same formulas
 * in scalar code. The scalar twin is {@link CpuSoftmax#lineF} on each column.
 */
final class VectorSoftmaxColumns {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;

  private VectorSoftmaxColumns() {}

  /** Columns [c0, c1) of the block at xo (input) and oo (output), rows {@code width} apart. */
  static void columnsF(float[] a, int xo, float[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    int w = c1 - c0, bound = F.loopBound(w), l = F.length();
    float[] m = new float[w], s = new float[w];
    System.arraycopy(a, xo + c0, m, 0, w);
    for (int r = 1; r < n; r++) {
      int ro = xo + r * width + c0, k = 0;
      for (; k < bound; k += l) FloatVector.fromArray(F, m, k).max(FloatVector.fromArray(F, a, ro + k)).intoArray(m, k);
      for (; k < w; k++) m[k] = Math.max(m[k], a[ro + k]);
    }
    for (int r = 0; r < n; r++) {
      int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
      for (; k < bound; k += l) {
        FloatVector e = FloatVector.fromArray(F, a, ro + k).sub(FloatVector.fromArray(F, m, k)).lanewise(VectorOperators.EXP);
        if (!log) e.intoArray(o, wo + k);
        FloatVector.fromArray(F, s, k).add(e).intoArray(s, k);
      }
      for (; k < w; k++) {
        float e = (float) Math.exp(a[ro + k] - m[k]);
        if (!log) o[wo + k] = e;
        s[k] += e;
      }
    }
    if (log) {
      for (int k = 0; k < w; k++) s[k] = (float) Math.log(s[k]);
      for (int r = 0; r < n; r++) {
        int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
        for (; k < bound; k += l) {
          FloatVector.fromArray(F, a, ro + k).sub(FloatVector.fromArray(F, m, k)).sub(FloatVector.fromArray(F, s, k))
              .intoArray(o, wo + k);
        }
        for (; k < w; k++) o[wo + k] = a[ro + k] - m[k] - s[k];
      }
    } else {
      for (int k = 0; k < w; k++) s[k] = 1 / s[k];
      for (int r = 0; r < n; r++) {
        int wo = oo + r * width + c0, k = 0;
        for (; k < bound; k += l) FloatVector.fromArray(F, o, wo + k).mul(FloatVector.fromArray(F, s, k)).intoArray(o, wo + k);
        for (; k < w; k++) o[wo + k] *= s[k];
      }
    }
  }

  static void columnsD(double[] a, int xo, double[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    int w = c1 - c0, bound = D.loopBound(w), l = D.length();
    double[] m = new double[w], s = new double[w];
    System.arraycopy(a, xo + c0, m, 0, w);
    for (int r = 1; r < n; r++) {
      int ro = xo + r * width + c0, k = 0;
      for (; k < bound; k += l) DoubleVector.fromArray(D, m, k).max(DoubleVector.fromArray(D, a, ro + k)).intoArray(m, k);
      for (; k < w; k++) m[k] = Math.max(m[k], a[ro + k]);
    }
    for (int r = 0; r < n; r++) {
      int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
      for (; k < bound; k += l) {
        DoubleVector e = DoubleVector.fromArray(D, a, ro + k).sub(DoubleVector.fromArray(D, m, k)).lanewise(VectorOperators.EXP);
        if (!log) e.intoArray(o, wo + k);
        DoubleVector.fromArray(D, s, k).add(e).intoArray(s, k);
      }
      for (; k < w; k++) {
        double e = Math.exp(a[ro + k] - m[k]);
        if (!log) o[wo + k] = e;
        s[k] += e;
      }
    }
    if (log) {
      for (int k = 0; k < w; k++) s[k] = Math.log(s[k]);
      for (int r = 0; r < n; r++) {
        int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
        for (; k < bound; k += l) {
          DoubleVector.fromArray(D, a, ro + k).sub(DoubleVector.fromArray(D, m, k)).sub(DoubleVector.fromArray(D, s, k))
              .intoArray(o, wo + k);
        }
        for (; k < w; k++) o[wo + k] = a[ro + k] - m[k] - s[k];
      }
    } else {
      for (int k = 0; k < w; k++) s[k] = 1 / s[k];
      for (int r = 0; r < n; r++) {
        int wo = oo + r * width + c0, k = 0;
        for (; k < bound; k += l) DoubleVector.fromArray(D, o, wo + k).mul(DoubleVector.fromArray(D, s, k)).intoArray(o, wo + k);
        for (; k < w; k++) o[wo + k] *= s[k];
      }
    }
  }
}
