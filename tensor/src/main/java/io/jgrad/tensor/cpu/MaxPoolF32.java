package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;

/**
 * Float32 max pooling read and written in place (any strides): the same window walk and tie
 * rules as {@link CpuPooling}'s plane kernel (largest value, first in scan order on ties, the
 * last NaN wins), without gathering each plane into a double scratch and scattering it back,
 * which cost 4x the pooling itself in CNN steps. {@link CpuPooling} stays the reference
 * (forced by {@link CpuBackend#scalarOnly()}); PoolingDifferentialTest compares the two.
 */
final class MaxPoolF32 {
  private MaxPoolF32() {}

  /** Pools planes [lo, hi) of x [N,C,H,W] into out and indices (flat h*W + w per plane). */
  static void planes(View x, Window2d g, View out, View indices, int lo, int hi) {
    float[] a = ((CpuBuffer) x.buffer()).f32(), o = ((CpuBuffer) out.buffer()).f32();
    long[] id = ((CpuBuffer) indices.buffer()).i64();
    int c = x.size(1), h = x.size(2), w = x.size(3), oh = out.size(2), ow = out.size(3);
    int xs2 = x.stride(2), xs3 = x.stride(3), os2 = out.stride(2), os3 = out.stride(3);
    int is2 = indices.stride(2), is3 = indices.stride(3);
    int dh = g.dilationH(), dw = g.dilationW();
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
}
