package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * The float32 im2col and col2im of {@link CpuConv} for the common layout: horizontal stride 1,
 * x rows and cols rows contiguous (unit last stride). Same element order and the same additions
 * in the same order as the general walk (so the same results, bit for bit), written as plain
 * loops per plane: no callback per output row, which dominated for the short rows (8-32
 * columns) of small images.
 */
final class ConvRowsF32 {
  private ConvRowsF32() {}

  /** True when x, w and cols fit these loops. */
  static boolean applies(View x, Window2d w, View cols) {
    return x.stride(3) == 1 && w.strideW() == 1 && cols.stride(2) == 1;
  }

  /** im2col of the planes [lo, hi) (p = n*C + c): cols rows of channel c for sample n. */
  static void im2col(float[] xa, View x, Window2d w, float[] ca, View cols, int lo, int hi) {
    int c = x.size(1), h = x.size(2), wd = x.size(3), oh = w.outH(h), ow = w.outW(wd);
    int kh = w.kernelH(), kw = w.kernelW(), xs2 = x.stride(2);
    for (int p = lo; p < hi; p++) {
      int ni = p / c, ci = p % c;
      int xPlane = x.offset() + ni * x.stride(0) + ci * x.stride(1);
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          int cRow = cols.offset() + ni * cols.stride(0) + (ci * kh * kw + ky * kw + kx) * cols.stride(1);
          int shift = kx * w.dilationW() - w.padW();
          int a = Math.clamp(-shift, 0, ow), b = Math.clamp(wd - shift, a, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
            int cOff = cRow + oy * ow;
            if (iy < 0 || iy >= h) {
              Arrays.fill(ca, cOff, cOff + ow, 0f);
              continue;
            }
            int xRow = xPlane + iy * xs2 + shift;
            for (int j = 0; j < a; j++) ca[cOff + j] = 0f;
            if (b > a) System.arraycopy(xa, xRow + a, ca, cOff + a, b - a);
            for (int j = b; j < ow; j++) ca[cOff + j] = 0f;
          }
        }
      }
    }
  }

  /** col2im of the planes [lo, hi): x rows of plane p accumulate their cols runs. */
  static void col2im(float[] ca, View cols, Window2d w, float[] xa, View x, int lo, int hi) {
    int c = x.size(1), h = x.size(2), wd = x.size(3), oh = w.outH(h), ow = w.outW(wd);
    int kh = w.kernelH(), kw = w.kernelW(), xs2 = x.stride(2);
    for (int p = lo; p < hi; p++) {
      int ni = p / c, ci = p % c;
      int xPlane = x.offset() + ni * x.stride(0) + ci * x.stride(1);
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          int cRow = cols.offset() + ni * cols.stride(0) + (ci * kh * kw + ky * kw + kx) * cols.stride(1);
          int shift = kx * w.dilationW() - w.padW();
          int a = Math.clamp(-shift, 0, ow), b = Math.clamp(wd - shift, a, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
            if (iy < 0 || iy >= h) continue;
            int s0 = cRow + oy * ow + a, d0 = xPlane + iy * xs2 + shift + a;
            for (int j = 0, n = b - a; j < n; j++) xa[d0 + j] += ca[s0 + j];
          }
        }
      }
    }
  }
}
