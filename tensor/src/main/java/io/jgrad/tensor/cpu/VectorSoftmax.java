package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API (log-)softmax of one contiguous line: a vector max pass; then per chunk of
 * {@link ThreadScratch#CHUNK} elements x - max, its exp ({@link VectorMathF32#exp}, the same bits
 * compiled or not and at any position) and the sum of the chunk (softmax stores the
 * exponentials, so the last pass only scales); then a vector scale (or subtract, for
 * log-softmax) pass. The sum of a float line is cascaded: float lanes per chunk, chunks in double.
 */
final class VectorSoftmax {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;
  private static final int CHUNK = ThreadScratch.CHUNK;

  private VectorSoftmax() {}

  static void lineF(float[] a, int xo, float[] o, int oo, int n, boolean log) {
    float m = (float) VectorRows.maxF(a, xo, n);
    float[] t = ThreadScratch.chunkF32(0);
    int l = F.length();
    double s = 0;
    for (int c = 0; c < n; c += CHUNK) {
      int len = Math.min(CHUNK, n - c), bound = F.loopBound(len), k = 0;
      for (; k < bound; k += l) FloatVector.fromArray(F, a, xo + c + k).sub(m).intoArray(t, k);
      for (; k < len; k++) t[k] = a[xo + c + k] - m;
      VectorMathF32.exp(t, 0, t, 0, len);
      FloatVector acc = FloatVector.zero(F);
      for (k = 0; k < bound; k += l) {
        FloatVector e = FloatVector.fromArray(F, t, k);
        if (!log) e.intoArray(o, oo + c + k);
        acc = acc.add(e);
      }
      // lanes in order: reduceLanes(ADD)'s order differs compiled and interpreted
      float[] lanes = ThreadScratch.lanesF32();
      acc.intoArray(lanes, 0);
      double part = 0;
      for (int j = 0; j < l; j++) part += lanes[j];
      for (; k < len; k++) {
        if (!log) o[oo + c + k] = t[k];
        part += t[k];
      }
      s += part;
    }
    int k = 0, bound = F.loopBound(n);
    if (log) {
      float shift = (float) Math.log(s);
      for (; k < bound; k += l) FloatVector.fromArray(F, a, xo + k).sub(m).sub(shift).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] = a[xo + k] - m - shift;
    } else {
      float inv = (float) (1 / s);
      for (; k < bound; k += l) FloatVector.fromArray(F, o, oo + k).mul(inv).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] *= inv;
    }
  }

  static void lineD(double[] a, int xo, double[] o, int oo, int n, boolean log) {
    double m = VectorRows.maxD(a, xo, n);
    double[] t = ThreadScratch.chunkF64(0);
    int l = D.length();
    double s = 0;
    for (int c = 0; c < n; c += CHUNK) {
      int len = Math.min(CHUNK, n - c), bound = D.loopBound(len), k = 0;
      for (; k < bound; k += l) DoubleVector.fromArray(D, a, xo + c + k).sub(m).intoArray(t, k);
      for (; k < len; k++) t[k] = a[xo + c + k] - m;
      VectorMathF64.exp(t, 0, t, 0, len);
      DoubleVector acc = DoubleVector.zero(D);
      for (k = 0; k < bound; k += l) {
        DoubleVector e = DoubleVector.fromArray(D, t, k);
        if (!log) e.intoArray(o, oo + c + k);
        acc = acc.add(e);
      }
      double[] lanes = ThreadScratch.lanesF64();
      acc.intoArray(lanes, 0);
      double part = 0;
      for (int j = 0; j < l; j++) part += lanes[j];
      for (; k < len; k++) {
        if (!log) o[oo + c + k] = t[k];
        part += t[k];
      }
      s += part;
    }
    int k = 0, bound = D.loopBound(n);
    if (log) {
      double ls = Math.log(s);
      for (; k < bound; k += l) DoubleVector.fromArray(D, a, xo + k).sub(m).sub(ls).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] = a[xo + k] - m - ls;
    } else {
      double inv = 1 / s;
      for (; k < bound; k += l) DoubleVector.fromArray(D, o, oo + k).mul(inv).intoArray(o, oo + k);
      for (; k < n; k++) o[oo + k] *= inv;
    }
  }
}
