package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 max pooling read and written in place (any strides): the same window walk and tie
 * rules as {@link CpuPooling}'s plane kernel (largest value, first in scan order on ties, the
 * last NaN wins), without gathering each plane into a double scratch and scattering it back,
 * which cost 4x the pooling itself in CNN steps. {@link CpuPooling} stays the reference
 * (forced by {@link CpuBackend#scalarOnly()}); PoolingDifferentialTest compares the two.
 */
final class MaxPoolF32 {
  private static final VectorSpecies<Float> F = CpuConfig.FLOAT;

  private MaxPoolF32() {}

  /** Pools planes [lo, hi) of x [N,C,H,W] into out and indices (flat h*W + w per plane). */
  static void planes(View x, Window2d g, View out, View indices, int lo, int hi) {
    float[] a = ((CpuBuffer) x.buffer()).f32(), o = ((CpuBuffer) out.buffer()).f32();
    long[] id = ((CpuBuffer) indices.buffer()).i64();
    int c = x.size(1), h = x.size(2), w = x.size(3), oh = out.size(2), ow = out.size(3);
    int xs2 = x.stride(2), xs3 = x.stride(3), os2 = out.stride(2), os3 = out.stride(3);
    int is2 = indices.stride(2), is3 = indices.stride(3);
    int dh = g.dilationH(), dw = g.dilationW();
    if (g.kernelH() == 2 && g.kernelW() == 2 && g.strideH() == 2 && g.strideW() == 2 && g.padH() == 0 && g.padW() == 0
        && dh == 1 && dw == 1 && oh * 2 <= h && ow * 2 <= w) {
      if (x.stride(3) == 1 && out.stride(3) == 1 && out.stride(2) == ow && indices.stride(3) == 1 && indices.stride(2) == ow) {
        twoByTwoVector(a, o, id, x, out, indices, c, w, oh, ow, lo, hi);
      } else {
        twoByTwo(a, o, id, x, out, indices, c, w, oh, ow, lo, hi);
      }
      return;
    }
    for (int p = lo; p < hi; p++) {
      int n = p / c, ci = p % c;
      int xo = x.offset() + n * x.stride(0) + ci * x.stride(1);
      int oo = out.offset() + n * out.stride(0) + ci * out.stride(1);
      int io = indices.offset() + n * indices.stride(0) + ci * indices.stride(1);
      for (int oy = 0; oy < oh; oy++) {
        int y0 = oy * g.strideH() - g.padH(), y1 = Math.min(y0 + (g.kernelH() - 1) * dh + 1, h);
        while (y0 < 0) y0 += dh;
        for (int ox = 0; ox < ow; ox++) {
          int x0 = ox * g.strideW() - g.padW(), x1 = Math.min(x0 + (g.kernelW() - 1) * dw + 1, w);
          while (x0 < 0) x0 += dw;
          int best = y0 * w + x0;
          float m = Float.NEGATIVE_INFINITY;
          for (int y = y0; y < y1; y += dh) {
            int row = xo + y * xs2;
            for (int xx = x0; xx < x1; xx += dw) {
              float v = a[row + xx * xs3];
              if (v > m || v != v) {
                m = v;
                best = y * w + xx;
              }
            }
          }
          o[oo + oy * os2 + ox * os3] = m;
          id[io + oy * is2 + ox * is3] = best;
        }
      }
    }
  }

  /**
   * The common 2x2 window with stride 2 and no padding (every window inside the input), without
   * the general window walk: the same scan order and tie rules (first maximum; a NaN wins, the
   * last NaN seen), so the same values and indices. A third of a CNN training step went into
   * the general loop.
   */
  private static void twoByTwo(float[] a, float[] o, long[] id, View x, View out, View indices, int c, int w, int oh,
                               int ow, int lo, int hi) {
    int xs2 = x.stride(2), xs3 = x.stride(3), os2 = out.stride(2), os3 = out.stride(3);
    int is2 = indices.stride(2), is3 = indices.stride(3);
    for (int p = lo; p < hi; p++) {
      int n = p / c, ci = p % c;
      int xo = x.offset() + n * x.stride(0) + ci * x.stride(1);
      int oo = out.offset() + n * out.stride(0) + ci * out.stride(1);
      int io = indices.offset() + n * indices.stride(0) + ci * indices.stride(1);
      for (int oy = 0; oy < oh; oy++) {
        int r0 = xo + 2 * oy * xs2, r1 = r0 + xs2, flat = 2 * oy * w;
        int orow = oo + oy * os2, irow = io + oy * is2;
        for (int ox = 0; ox < ow; ox++) {
          // selects rather than branches: with real data each comparison is a coin flip
          int c0 = 2 * ox * xs3, best = flat + 2 * ox;
          float m = a[r0 + c0], v = a[r0 + c0 + xs3];
          boolean t = v > m || v != v;
          m = t ? v : m;
          best = t ? flat + 2 * ox + 1 : best;
          v = a[r1 + c0];
          t = v > m || v != v;
          m = t ? v : m;
          best = t ? flat + w + 2 * ox : best;
          v = a[r1 + c0 + xs3];
          t = v > m || v != v;
          m = t ? v : m;
          best = t ? flat + w + 2 * ox + 1 : best;
          o[orow + ox * os3] = m;
          id[irow + ox * is3] = best;
        }
      }
    }
  }

  /**
   * {@link #twoByTwo} with the Vector API over the flattened output positions of a plane: four
   * gathers (top-left, top-right, bottom-left, bottom-right of each window) and three compare-
   * and-blend steps, so no branch depends on the data (with real data each comparison of the
   * scalar form was a coin flip: about 17 ns per output). The winner's position (0-3) is kept in
   * float lanes and turned into the flat index by a scalar pass. Input, output and indices
   * contiguous along the plane's rows.
   */
  private static void twoByTwoVector(float[] a, float[] o, long[] id, View x, View out, View indices, int c, int w,
                                     int oh, int ow, int lo, int hi) {
    int xs2 = x.stride(2), nq = oh * ow, bound = F.loopBound(nq);
    int[] map = ThreadScratch.i32(0, nq);
    for (int q = 0; q < nq; q++) map[q] = 2 * (q / ow) * xs2 + 2 * (q % ow);
    float[] choice = ThreadScratch.f32(0, nq);
    FloatVector zero = FloatVector.zero(F);
    for (int p = lo; p < hi; p++) {
      int n = p / c, ci = p % c;
      int xo = x.offset() + n * x.stride(0) + ci * x.stride(1);
      int oo = out.offset() + n * out.stride(0) + ci * out.stride(1);
      int io = indices.offset() + n * indices.stride(0) + ci * indices.stride(1);
      int q = 0;
      for (; q < bound; q += F.length()) {
        FloatVector m = FloatVector.fromArray(F, a, xo, map, q), v = FloatVector.fromArray(F, a, xo + 1, map, q);
        VectorMask<Float> t = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
        m = m.blend(v, t);
        FloatVector ch = zero.blend(1f, t);
        v = FloatVector.fromArray(F, a, xo + xs2, map, q);
        t = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
        m = m.blend(v, t);
        ch = ch.blend(2f, t);
        v = FloatVector.fromArray(F, a, xo + xs2 + 1, map, q);
        t = v.compare(VectorOperators.GT, m).or(v.compare(VectorOperators.NE, v));
        m.blend(v, t).intoArray(o, oo + q);
        ch.blend(3f, t).intoArray(choice, q);
      }
      for (; q < nq; q++) {
        int b = xo + map[q], k = 0;
        float m = a[b], v = a[b + 1];
        if (v > m || v != v) {
          m = v;
          k = 1;
        }
        v = a[b + xs2];
        if (v > m || v != v) {
          m = v;
          k = 2;
        }
        v = a[b + xs2 + 1];
        if (v > m || v != v) {
          m = v;
          k = 3;
        }
        o[oo + q] = m;
        choice[q] = k;
      }
      for (q = 0; q < nq; q++) {
        int k = (int) choice[q];
        id[io + q] = 2L * (q / ow) * w + 2 * (q % ow) + (k & 1) + (long) (k >> 1) * w;
      }
    }
  }
}
