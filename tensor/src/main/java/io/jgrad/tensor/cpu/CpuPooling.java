package io.jgrad.tensor.cpu;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * 2-D pooling of x [N,C,H,W] into out [N,C,oH,oW], one (n, c) plane at a time, in parallel over
 * planes above {@link #PARALLEL_MIN} input elements. Each plane is gathered (any strides) into
 * a dense double scratch, pooled there and written back, so one loop serves FLOAT32 and
 * FLOAT64 (a float widens to double exactly, and double sums are at least as accurate as
 * PyTorch's float ones). INT64 average pooling sums in long and truncates, as PyTorch does.
 * The window bounds replicate PyTorch 1.13's CPU kernels (MaxPoolKernel.cpp,
 * AvgPoolKernel.cpp, AdaptiveAvgPoolKernel.cpp).
 */
final class CpuPooling {
  static final long PARALLEL_MIN = 1 << 15;

  private CpuPooling() {}

  static void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    check(mode, x, w, out, indices);
    int c = x.size(1);
    int planes = x.size(0) * c;
    Parallel.Range body = mode == PoolMode.MAX && indices != null && x.dtype() == DType.FLOAT32 && !CpuBackend.scalarOnly()
        ? (lo, hi) -> MaxPoolF32.planes(x, w, out, indices, lo, hi) : (lo, hi) -> {
      Plane pl = new Plane(x.size(2), x.size(3), out.size(2), out.size(3), x.dtype() == DType.INT64);
      for (int p = lo; p < hi; p++) {
        int n = p / c, ci = p % c;
        int xo = x.offset() + n * x.stride(0) + ci * x.stride(1);
        int oo = out.offset() + n * out.stride(0) + ci * out.stride(1);
        pl.gather(x, xo);
        switch (mode) {
          case MAX -> pl.max(w);
          case AVG -> pl.avg(w, true);
          case AVG_EXCLUDE_PAD -> pl.avg(w, false);
          case ADAPTIVE_AVG -> pl.adaptiveAvg();
        }
        pl.scatter(out, oo);
        if (indices != null) pl.scatterIndices(indices, indices.offset() + n * indices.stride(0) + ci * indices.stride(1));
      }
    };
    if (x.numel() < PARALLEL_MIN || Parallel.threads() < 2) body.run(0, planes);
    else Parallel.forRange(planes, body);
  }

  private static void check(PoolMode mode, View x, Window2d w, View out, View indices) {
    if (x.rank() != 4 || out.rank() != 4 || out.size(0) != x.size(0) || out.size(1) != x.size(1)) {
      throw new IllegalArgumentException("pool2d: expected x [N,C,H,W] and out [N,C,oH,oW], got x "
          + Arrays.toString(x.shape()) + " and out " + Arrays.toString(out.shape()));
    }
    if (mode != PoolMode.ADAPTIVE_AVG && (out.size(2) != w.outH(x.size(2)) || out.size(3) != w.outW(x.size(3)))) {
      throw new IllegalArgumentException("pool2d: out " + Arrays.toString(out.shape()) + " does not match x "
          + Arrays.toString(x.shape()) + " and " + w);
    }
    boolean ok = x.dtype().isFloatingPoint() || (x.dtype() == DType.INT64 && (mode == PoolMode.AVG || mode == PoolMode.AVG_EXCLUDE_PAD));
    if (!ok || out.dtype() != x.dtype()) {
      throw new IllegalArgumentException("pool2d: " + mode + " is not implemented for x " + x.dtype() + " and out " + out.dtype());
    }
    if (indices != null && (indices.dtype() != DType.INT64 || !Arrays.equals(indices.shape(), out.shape()))) {
      throw new IllegalArgumentException("pool2d: indices must be int64 " + Arrays.toString(out.shape()) + ", got "
          + indices.dtype() + " " + Arrays.toString(indices.shape()));
    }
  }

  /** Dense scratch for one plane: input, output and (for MAX) chosen indices. */
  private static final class Plane {
    final int h, w, oh, ow;
    final double[] in, res;
    final long[] inL, resL, idx;

    Plane(int h, int w, int oh, int ow, boolean integral) {
      this.h = h;
      this.w = w;
      this.oh = oh;
      this.ow = ow;
      // per-thread scratch, reused from call to call (one Plane per thread at a time)
      in = integral ? null : ThreadScratch.f64(0, h * w);
      res = integral ? null : ThreadScratch.f64(1, oh * ow);
      inL = integral ? ThreadScratch.i64(0, h * w) : null;
      resL = integral ? ThreadScratch.i64(1, oh * ow) : null;
      idx = ThreadScratch.i64(2, oh * ow);
    }

    void gather(View x, int off) {
      int s2 = x.stride(2), s3 = x.stride(3);
      switch (((CpuBuffer) x.buffer()).array()) {
        case float[] a -> { for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) in[i * w + j] = a[off + i * s2 + j * s3]; }
        case double[] a -> { for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) in[i * w + j] = a[off + i * s2 + j * s3]; }
        case long[] a -> { for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) inL[i * w + j] = a[off + i * s2 + j * s3]; }
        default -> throw new IllegalStateException("pool2d: unsupported carrier");
      }
    }

    void scatter(View out, int off) {
      int s2 = out.stride(2), s3 = out.stride(3);
      switch (((CpuBuffer) out.buffer()).array()) {
        case float[] a -> { for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) a[off + i * s2 + j * s3] = (float) res[i * ow + j]; }
        case double[] a -> { for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) a[off + i * s2 + j * s3] = res[i * ow + j]; }
        case long[] a -> { for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) a[off + i * s2 + j * s3] = resL[i * ow + j]; }
        default -> throw new IllegalStateException("pool2d: unsupported carrier");
      }
    }

    void scatterIndices(View indices, int off) {
      long[] a = ((CpuBuffer) indices.buffer()).i64();
      int s2 = indices.stride(2), s3 = indices.stride(3);
      for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) a[off + i * s2 + j * s3] = idx[i * ow + j];
    }

    /** Largest value, first in scan order on ties; a NaN wins (the last NaN seen), as in PyTorch. */
    void max(Window2d g) {
      for (int oy = 0; oy < oh; oy++) {
        int y0 = oy * g.strideH() - g.padH(), y1 = Math.min(y0 + (g.kernelH() - 1) * g.dilationH() + 1, h);
        while (y0 < 0) y0 += g.dilationH();
        for (int ox = 0; ox < ow; ox++) {
          int x0 = ox * g.strideW() - g.padW(), x1 = Math.min(x0 + (g.kernelW() - 1) * g.dilationW() + 1, w);
          while (x0 < 0) x0 += g.dilationW();
          int best = y0 * w + x0;
          double m = Double.NEGATIVE_INFINITY;
          for (int y = y0; y < y1; y += g.dilationH()) {
            for (int x = x0; x < x1; x += g.dilationW()) {
              double v = in[y * w + x];
              if (v > m || Double.isNaN(v)) {
                m = v;
                best = y * w + x;
              }
            }
          }
          res[oy * ow + ox] = m;
          idx[oy * ow + ox] = best;
        }
      }
    }

    /**
     * Mean over the window clipped to the input. The divisor counts the padding when
     * includePad, but never the part of a ceil-mode window beyond the right/bottom padding.
     */
    void avg(Window2d g, boolean includePad) {
      for (int oy = 0; oy < oh; oy++) {
        int y0 = oy * g.strideH() - g.padH(), y1 = Math.min(y0 + g.kernelH(), h + g.padH());
        int ph = y1 - y0;
        y0 = Math.max(y0, 0);
        y1 = Math.min(y1, h);
        for (int ox = 0; ox < ow; ox++) {
          int x0 = ox * g.strideW() - g.padW(), x1 = Math.min(x0 + g.kernelW(), w + g.padW());
          int pw = x1 - x0;
          x0 = Math.max(x0, 0);
          x1 = Math.min(x1, w);
          int o = oy * ow + ox;
          if (y0 >= y1 || x0 >= x1) {
            if (res != null) res[o] = 0; else resL[o] = 0;
            continue;
          }
          long divisor = includePad ? (long) ph * pw : (long) (y1 - y0) * (x1 - x0);
          if (res != null) res[o] = sum(y0, y1, x0, x1) / divisor;
          else resL[o] = sumLong(y0, y1, x0, x1) / divisor;
        }
      }
    }

    /** PyTorch's adaptive bins: rows floor(i*H/oH) .. ceil((i+1)*H/oH), likewise for columns. */
    void adaptiveAvg() {
      for (int oy = 0; oy < oh; oy++) {
        int y0 = (int) ((long) oy * h / oh), y1 = (int) Math.ceilDiv((long) (oy + 1) * h, oh);
        for (int ox = 0; ox < ow; ox++) {
          int x0 = (int) ((long) ox * w / ow), x1 = (int) Math.ceilDiv((long) (ox + 1) * w, ow);
          res[oy * ow + ox] = sum(y0, y1, x0, x1) / (y1 - y0) / (x1 - x0);
        }
      }
    }

    private double sum(int y0, int y1, int x0, int x1) {
      double s = 0;
      for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) s += in[y * w + x];
      return s;
    }

    private long sumLong(int y0, int y1, int x0, int x1) {
      long s = 0;
      for (int y = y0; y < y1; y++) for (int x = x0; x < x1; x++) s += inL[y * w + x];
      return s;
    }
  }
}
