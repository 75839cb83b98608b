package io.jgrad.tensor;

import io.jgrad.tensor.spi.Window2d;
import java.util.Random;

/** Seeded inputs and small naive references shared by the convolution tests. */
final class ConvTestData {
  private ConvTestData() {}

  /** Normal values of any dtype (integers: rounded times 4); contiguous. */
  static Tensor random(Random rng, DType dtype, int... shape) {
    int n = Shapes.numel(shape);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = dtype.isFloatingPoint() ? rng.nextGaussian() : Math.round(rng.nextGaussian() * 4);
    return Tensor.fromArray(v, shape).to(dtype);
  }

  /** The same values as a contiguous base of shape with dims a and b swapped, viewed back (non-contiguous). */
  static Tensor transposedView(Tensor t, int a, int b) {
    try (Tensor tt = t.transpose(a, b); Tensor base = tt.contiguous()) {
      return base.transpose(a, b);
    }
  }

  /** cols [N, C*kH*kW, oH*oW] of x through the backend. */
  static Tensor im2col(Tensor x, Window2d w) {
    int n = x.size(0), c = x.size(1);
    Tensor cols = Tensor.empty(x.dtype(), n, c * w.kernelH() * w.kernelW(), w.outH(x.size(2)) * w.outW(x.size(3)));
    x.backend().im2col(x.layout(), w, cols.layout());
    return cols;
  }

  /** col2im of cols into a zeroed [N,C,H,W] through the backend. */
  static Tensor col2im(Tensor cols, Window2d w, int n, int c, int h, int wd) {
    Tensor x = Tensor.zeros(cols.dtype(), n, c, h, wd);
    cols.backend().col2im(cols.layout(), w, x.layout());
    return x;
  }

  /** The im2col formula element by element, in double. */
  static double[] naiveIm2col(double[] x, int n, int c, int h, int wd, Window2d w) {
    int oh = w.outH(h), ow = w.outW(wd), kh = w.kernelH(), kw = w.kernelW();
    double[] cols = new double[n * c * kh * kw * oh * ow];
    int i = 0;
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int ky = 0; ky < kh; ky++) {
          for (int kx = 0; kx < kw; kx++) {
            for (int oy = 0; oy < oh; oy++) {
              for (int ox = 0; ox < ow; ox++, i++) {
                int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
                int ix = ox * w.strideW() - w.padW() + kx * w.dilationW();
                boolean in = iy >= 0 && iy < h && ix >= 0 && ix < wd;
                cols[i] = in ? x[((b * c + ch) * h + iy) * wd + ix] : 0;
              }
            }
          }
        }
      }
    }
    return cols;
  }

  /** The adjoint of {@link #naiveIm2col}: scatters each column entry back onto its input pixel. */
  static double[] naiveCol2im(double[] cols, int n, int c, int h, int wd, Window2d w) {
    int oh = w.outH(h), ow = w.outW(wd), kh = w.kernelH(), kw = w.kernelW();
    double[] x = new double[n * c * h * wd];
    int i = 0;
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int ky = 0; ky < kh; ky++) {
          for (int kx = 0; kx < kw; kx++) {
            for (int oy = 0; oy < oh; oy++) {
              for (int ox = 0; ox < ow; ox++, i++) {
                int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
                int ix = ox * w.strideW() - w.padW() + kx * w.dilationW();
                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) x[((b * c + ch) * h + iy) * wd + ix] += cols[i];
              }
            }
          }
        }
      }
    }
    return x;
  }

  /** Direct 2-D convolution in double: x [N,C,H,W], weight [O, C/groups, kH, kW], bias [O] or null. */
  static double[] naiveConv2d(double[] x, int[] xs, double[] wt, int[] ws, double[] bias, Window2d w, int groups) {
    int n = xs[0], c = xs[1], h = xs[2], wd = xs[3], o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3];
    int oh = w.outH(h), ow = w.outW(wd), og = o / groups;
    double[] out = new double[n * o * oh * ow];
    for (int b = 0; b < n; b++) {
      for (int oc = 0; oc < o; oc++) {
        int g = oc / og;
        for (int oy = 0; oy < oh; oy++) {
          for (int ox = 0; ox < ow; ox++) {
            double s = bias == null ? 0 : bias[oc];
            for (int ci = 0; ci < cg; ci++) {
              for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                  int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
                  int ix = ox * w.strideW() - w.padW() + kx * w.dilationW();
                  if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                  s += x[((b * c + g * cg + ci) * h + iy) * wd + ix] * wt[((oc * cg + ci) * kh + ky) * kw + kx];
                }
              }
            }
            out[((b * o + oc) * oh + oy) * ow + ox] = s;
          }
        }
      }
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }
}
