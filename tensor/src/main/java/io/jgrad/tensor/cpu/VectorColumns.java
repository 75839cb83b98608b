package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.ReduceOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Column reductions: an output row of width w (stride 1) is the fold of g.count input rows of
 * width w (stride 1), one per reduced position, combined lane by lane. Float sums fold
 * {@link #ROWS} rows into a scratch row before adding it to the output row, a cascade that
 * keeps 16M-element sums accurate.
 */
final class VectorColumns {
  static final VectorSpecies<Float> F = CpuConfig.FLOAT;
  static final VectorSpecies<Double> D = CpuConfig.DOUBLE;
  static final int ROWS = 256;

  private VectorColumns() {}

  static void columnsF(ReduceOp op, float[] a, float[] o, ReduceGeometry g, int xb, int ob, int w) {
    int n = g.count;
    if ((op == ReduceOp.SUM || op == ReduceOp.MEAN) && n > ROWS) {
      float[] block = ThreadScratch.f32(0, w);
      java.util.Arrays.fill(o, ob, ob + w, 0f);
      for (int j0 = 0; j0 < n; j0 += ROWS) {
        foldF(ReduceOp.SUM, a, g, xb, j0, Math.min(n, j0 + ROWS), block, 0, w);
        combineF(ReduceOp.SUM, o, ob, block, 0, w);
      }
    } else {
      foldF(op, a, g, xb, 0, n, o, ob, w);
    }
    if (op == ReduceOp.MEAN) for (int k = 0; k < w; k++) o[ob + k] /= n;
  }

  /** dst[doff..doff+w) = fold of the rows j0..j1-1. */
  private static void foldF(ReduceOp op, float[] a, ReduceGeometry g, int xb, int j0, int j1, float[] dst, int doff, int w) {
    int nred = g.redShape.length;
    System.arraycopy(a, xb + ReduceGeometry.offsetOf(j0, g.redShape, g.redX, nred), dst, doff, w);
    for (int j = j0 + 1; j < j1; j++) combineF(op, dst, doff, a, xb + ReduceGeometry.offsetOf(j, g.redShape, g.redX, nred), w);
  }

  /** dst = op(dst, src) lane by lane, then the scalar tail. */
  static void combineF(ReduceOp op, float[] dst, int doff, float[] src, int soff, int w) {
    int k = 0, bound = F.loopBound(w);
    switch (op) {
      case SUM, MEAN -> {
        for (; k < bound; k += F.length()) {
          FloatVector.fromArray(F, dst, doff + k).add(FloatVector.fromArray(F, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] += src[soff + k];
      }
      case PROD -> {
        for (; k < bound; k += F.length()) {
          FloatVector.fromArray(F, dst, doff + k).mul(FloatVector.fromArray(F, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] *= src[soff + k];
      }
      case MAX -> {
        for (; k < bound; k += F.length()) {
          FloatVector.fromArray(F, dst, doff + k).max(FloatVector.fromArray(F, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] = Math.max(dst[doff + k], src[soff + k]);
      }
      case MIN -> {
        for (; k < bound; k += F.length()) {
          FloatVector.fromArray(F, dst, doff + k).min(FloatVector.fromArray(F, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] = Math.min(dst[doff + k], src[soff + k]);
      }
      default -> throw new IllegalStateException(op + " has no vector kernel");
    }
  }

  static void columnsD(ReduceOp op, double[] a, double[] o, ReduceGeometry g, int xb, int ob, int w) {
    int n = g.count, nred = g.redShape.length;
    System.arraycopy(a, xb + ReduceGeometry.offsetOf(0, g.redShape, g.redX, nred), o, ob, w);
    for (int j = 1; j < n; j++) combineD(op, o, ob, a, xb + ReduceGeometry.offsetOf(j, g.redShape, g.redX, nred), w);
    if (op == ReduceOp.MEAN) for (int k = 0; k < w; k++) o[ob + k] /= n;
  }

  static void combineD(ReduceOp op, double[] dst, int doff, double[] src, int soff, int w) {
    int k = 0, bound = D.loopBound(w);
    switch (op) {
      case SUM, MEAN -> {
        for (; k < bound; k += D.length()) {
          DoubleVector.fromArray(D, dst, doff + k).add(DoubleVector.fromArray(D, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] += src[soff + k];
      }
      case PROD -> {
        for (; k < bound; k += D.length()) {
          DoubleVector.fromArray(D, dst, doff + k).mul(DoubleVector.fromArray(D, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] *= src[soff + k];
      }
      case MAX -> {
        for (; k < bound; k += D.length()) {
          DoubleVector.fromArray(D, dst, doff + k).max(DoubleVector.fromArray(D, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] = Math.max(dst[doff + k], src[soff + k]);
      }
      case MIN -> {
        for (; k < bound; k += D.length()) {
          DoubleVector.fromArray(D, dst, doff + k).min(DoubleVector.fromArray(D, src, soff + k)).intoArray(dst, doff + k);
        }
        for (; k < w; k++) dst[doff + k] = Math.min(dst[doff + k], src[soff + k]);
      }
      default -> throw new IllegalStateException(op + " has no vector kernel");
    }
  }
}
