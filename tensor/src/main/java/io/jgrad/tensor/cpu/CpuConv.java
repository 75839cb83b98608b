package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * im2col and its adjoint col2im for x [N,C,H,W] and cols [N, C*kH*kW, oH*oW], any strides and
 * any dtype. Row {@code c*kH*kW + ky*kW + kx} of cols holds, for every output position
 * (oy, ox), the input at {@code (oy*sH - pH + ky*dH, ox*sW - pW + kx*dW)}, or 0 in the padding.
 * For one (row, oy) the valid ox form one interval, so both kernels move whole runs: a strided
 * scalar loop (the reference, forced by {@link CpuBackend#scalarOnly()}) or, for unit strides,
 * {@code System.arraycopy} / a Vector API add; float32 with horizontal stride 1 and unit-stride rows
 * runs the same loops without a callback per row ({@link ConvRowsF32}). Work is split over the
 * N*C planes, which write disjoint rows of cols (im2col) or disjoint planes of x (col2im).
 */
final class CpuConv {
  /** Elements of cols below which one thread does the whole call. */
  static final long PARALLEL_MIN = 1 << 15;

  private CpuConv() {}

  static void im2col(View x, Window2d w, View cols) {
    Geometry g = Geometry.of("im2col", x, w, cols);
    StridedRuns runs = StridedRuns.of(x.dtype());
    boolean fast = !CpuBackend.scalarOnly();
    Object xa = ((CpuBuffer) x.buffer()).array(), ca = ((CpuBuffer) cols.buffer()).array();
    if (fast && xa instanceof float[] xf && ConvRowsF32.applies(x, w, cols)) {
      forPlanes(g, cols.numel(), (lo, hi) -> ConvRowsF32.im2col(xf, x, w, (float[]) ca, cols, lo, hi));
      return;
    }
    forPlanes(g, cols.numel(), (lo, hi) -> {
      for (int p = lo; p < hi; p++) g.walk(p, (xOff, xStep, cOff, cStep, n, zeroBefore, zeroAfter) -> {
        runs.zero(ca, cOff - zeroBefore * cStep, cStep, zeroBefore, fast);
        runs.copy(xa, xOff, xStep, ca, cOff, cStep, n, fast);
        runs.zero(ca, cOff + n * cStep, cStep, zeroAfter, fast);
      });
    });
  }

  static void col2im(View cols, Window2d w, View x) {
    Geometry g = Geometry.of("col2im", x, w, cols);
    StridedRuns runs = StridedRuns.of(x.dtype());
    boolean fast = !CpuBackend.scalarOnly();
    Object xa = ((CpuBuffer) x.buffer()).array(), ca = ((CpuBuffer) cols.buffer()).array();
    if (fast && xa instanceof float[] xf && ConvRowsF32.applies(x, w, cols)) {
      forPlanes(g, cols.numel(), (lo, hi) -> ConvRowsF32.col2im((float[]) ca, cols, w, xf, x, lo, hi));
      return;
    }
    forPlanes(g, cols.numel(), (lo, hi) -> {
      for (int p = lo; p < hi; p++) g.walk(p, (xOff, xStep, cOff, cStep, n, zeroBefore, zeroAfter) ->
          runs.add(ca, cOff, cStep, xa, xOff, xStep, n, fast));
    });
  }

  private static void forPlanes(Geometry g, long work, Parallel.Range body) {
    int planes = g.n * g.c;
    if (work < PARALLEL_MIN || Parallel.threads() < 2) body.run(0, planes);
    else Parallel.forRange(planes, body);
  }

  /** One output row segment: the valid run and how many padding columns precede and follow it. */
  @FunctionalInterface
  private interface Run {
    void at(int xOff, int xStep, int cOff, int cStep, int n, int zeroBefore, int zeroAfter);
  }

  /** Sizes and strides of one im2col/col2im call, checked against each other. */
  private record Geometry(View x, View cols, Window2d w, int n, int c, int h, int wd, int oh, int ow) {
    static Geometry of(String op, View x, Window2d w, View cols) {
      if (x.rank() != 4 || cols.rank() != 3) {
        throw new IllegalArgumentException(op + ": expected x [N,C,H,W] and cols [N,K,L], got x " + Arrays.toString(x.shape())
            + " and cols " + Arrays.toString(cols.shape()));
      }
      if (x.dtype() != cols.dtype()) {
        throw new IllegalArgumentException(op + ": x is " + x.dtype() + " but cols is " + cols.dtype());
      }
      int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
      int oh = w.outH(h), ow = w.outW(wd);
      long k = (long) c * w.kernelH() * w.kernelW();
      if (cols.size(0) != n || cols.size(1) != k || cols.size(2) != (long) oh * ow) {
        throw new IllegalArgumentException(op + ": cols " + Arrays.toString(cols.shape()) + " does not match x "
            + Arrays.toString(x.shape()) + " and " + w + ": expected [" + n + ", " + k + ", " + (long) oh * ow + "]");
      }
      return new Geometry(x, cols, w, n, c, h, wd, oh, ow);
    }

    /** Calls run once per (ky, kx, oy) of plane p = n*C + c. */
    void walk(int p, Run run) {
      int ni = p / c, ci = p % c;
      int kh = w.kernelH(), kw = w.kernelW();
      int xs2 = x.stride(2), xs3 = x.stride(3), cs2 = cols.stride(2);
      int xPlane = x.offset() + ni * x.stride(0) + ci * x.stride(1);
      int xStep = w.strideW() * xs3;
      for (int ky = 0; ky < kh; ky++) {
        for (int kx = 0; kx < kw; kx++) {
          int cRow = cols.offset() + ni * cols.stride(0) + (ci * kh * kw + ky * kw + kx) * cols.stride(1);
          // ix = ox*sW + shift lies in [0, W) exactly for ox in [lo, hi).
          int shift = kx * w.dilationW() - w.padW();
          int lo = Math.clamp(Math.ceilDiv(-shift, w.strideW()), 0, ow);
          int hi = Math.clamp(Math.ceilDiv(wd - shift, w.strideW()), lo, ow);
          for (int oy = 0; oy < oh; oy++) {
            int iy = oy * w.strideH() - w.padH() + ky * w.dilationH();
            int cOff = cRow + oy * ow * cs2;
            if (iy < 0 || iy >= h) {
              run.at(xPlane, xStep, cOff, cs2, 0, 0, ow);
            } else {
              run.at(xPlane + iy * xs2 + (lo * w.strideW() + shift) * xs3, xStep, cOff + lo * cs2, cs2, hi - lo, lo, ow - hi);
            }
          }
        }
      }
    }
  }
}
