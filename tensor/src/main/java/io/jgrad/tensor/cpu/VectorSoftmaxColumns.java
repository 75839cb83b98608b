package io.jgrad.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * (Log-)softmax along an outer axis of a contiguous block [n, width]: the lines are the columns,
 * so the passes run over whole rows, lane by lane, with the running max and sum held in
 * scratch rows. Walking a column element by element would touch one cache line per element;
 * this reads each row segment once per pass. Columns are taken {@link ThreadScratch#CHUNK} at a
 * time, so the running rows are per-thread chunk buffers; per row, x - max goes through
 * {@link VectorMathF32#exp} (the same bits compiled or not, at any position). Columns past the
 * last full vector use the same float operations in scalar code. The scalar reference is
 * {@link CpuSoftmax#lineF} on each column.
 */
final class VectorSoftmaxColumns {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;
  private static final int CHUNK = ThreadScratch.CHUNK;

  private VectorSoftmaxColumns() {}

  /** Columns [c0, c1) of the block at xo (input) and oo (output), rows {@code width} apart. */
  static void columnsF(float[] a, int xo, float[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    for (int cb = c0; cb < c1; cb += CHUNK) block(a, xo, o, oo, n, width, cb, Math.min(c1, cb + CHUNK), log);
  }

  private static void block(float[] a, int xo, float[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    int w = c1 - c0, bound = F.loopBound(w), l = F.length();
    float[] m = ThreadScratch.chunkF32(0), s = ThreadScratch.chunkF32(1), t = ThreadScratch.chunkF32(2);
    java.util.Arrays.fill(s, 0, w, 0f);
    System.arraycopy(a, xo + c0, m, 0, w);
    for (int r = 1; r < n; r++) {
      int ro = xo + r * width + c0, k = 0;
      for (; k < bound; k += l) FloatVector.fromArray(F, m, k).max(FloatVector.fromArray(F, a, ro + k)).intoArray(m, k);
      for (; k < w; k++) m[k] = Math.max(m[k], a[ro + k]);
    }
    for (int r = 0; r < n; r++) {
      int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
      // e = exp(x - m), into the output row for softmax, into t for log-softmax
      float[] e = log ? t : o;
      int eo = log ? 0 : wo;
      for (; k < bound; k += l) FloatVector.fromArray(F, a, ro + k).sub(FloatVector.fromArray(F, m, k)).intoArray(e, eo + k);
      for (; k < w; k++) e[eo + k] = a[ro + k] - m[k];
      VectorMathF32.exp(e, eo, e, eo, w);
      for (k = 0; k < bound; k += l) FloatVector.fromArray(F, s, k).add(FloatVector.fromArray(F, e, eo + k)).intoArray(s, k);
      for (; k < w; k++) s[k] += e[eo + k];
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

  /** Columns [c0, c1) of the block at xo (input) and oo (output), rows {@code width} apart. */
  static void columnsD(double[] a, int xo, double[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    for (int cb = c0; cb < c1; cb += CHUNK) block(a, xo, o, oo, n, width, cb, Math.min(c1, cb + CHUNK), log);
  }

  private static void block(double[] a, int xo, double[] o, int oo, int n, int width, int c0, int c1, boolean log) {
    int w = c1 - c0, bound = D.loopBound(w), l = D.length();
    double[] m = ThreadScratch.chunkF64(0), s = ThreadScratch.chunkF64(1), t = ThreadScratch.chunkF64(2);
    java.util.Arrays.fill(s, 0, w, 0.0);
    System.arraycopy(a, xo + c0, m, 0, w);
    for (int r = 1; r < n; r++) {
      int ro = xo + r * width + c0, k = 0;
      for (; k < bound; k += l) DoubleVector.fromArray(D, m, k).max(DoubleVector.fromArray(D, a, ro + k)).intoArray(m, k);
      for (; k < w; k++) m[k] = Math.max(m[k], a[ro + k]);
    }
    for (int r = 0; r < n; r++) {
      int ro = xo + r * width + c0, wo = oo + r * width + c0, k = 0;
      // e = exp(x - m), into the output row for softmax, into t for log-softmax
      double[] e = log ? t : o;
      int eo = log ? 0 : wo;
      for (; k < bound; k += l) DoubleVector.fromArray(D, a, ro + k).sub(DoubleVector.fromArray(D, m, k)).intoArray(e, eo + k);
      for (; k < w; k++) e[eo + k] = a[ro + k] - m[k];
      VectorMathF64.exp(e, eo, e, eo, w);
      for (k = 0; k < bound; k += l) DoubleVector.fromArray(D, s, k).add(DoubleVector.fromArray(D, e, eo + k)).intoArray(s, k);
      for (; k < w; k++) s[k] += e[eo + k];
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
