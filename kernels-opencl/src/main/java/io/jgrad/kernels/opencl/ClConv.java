package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * im2col, col2im and 2-D pooling on OpenCL ({@code conv.cl}), one work-item per output element,
 * any strides. col2im is a gather (each input pixel sums the column entries it fed, in the CPU's
 * (ky, kx) order), so it needs no atomics and is deterministic. Pooling replicates
 * {@code CpuPooling}: max picks the first maximum and lets NaN win, float32 averages sum in
 * double where the device has fp64, INT64 averages sum in long and truncate.
 */
final class ClConv {
  private final ClContext ctx;

  ClConv(ClContext ctx) { this.ctx = ctx; }

  void im2col(View x, Window2d w, View cols) {
    checkCols("im2col", x, w, cols);
    ctx.launchGuarded(ctx.kernel("conv.cl", ClTypes.define("T", x.dtype()), "im2col"), cols.numel(),
        ClBuffer.of(x, ctx, "im2col"), x.offset(), strides4(x), ClBuffer.of(cols, ctx, "im2col"), cols.offset(),
        strides4(cols), x.size(1), x.size(2), x.size(3), w.outH(x.size(2)), w.outW(x.size(3)), window(w));
  }

  void col2im(View cols, Window2d w, View x) {
    checkCols("col2im", x, w, cols);
    ctx.launchGuarded(ctx.kernel("conv.cl", ClTypes.define("T", x.dtype()), "col2im"), x.numel(),
        ClBuffer.of(cols, ctx, "col2im"), cols.offset(), strides4(cols), ClBuffer.of(x, ctx, "col2im"), x.offset(),
        strides4(x), x.size(1), x.size(2), x.size(3), w.outH(x.size(2)), w.outW(x.size(3)), window(w));
  }

  void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    checkPool(mode, x, w, out, indices);
    String defs = ClTypes.define("T", x.dtype());
    int c = x.size(1), h = x.size(2), wd = x.size(3), oh = out.size(2), ow = out.size(3), total = (int) out.numel();
    ClBuffer xb = ClBuffer.of(x, ctx, "pool2d"), ob = ClBuffer.of(out, ctx, "pool2d");
    switch (mode) {
      case MAX -> {
        ClBuffer ib = indices == null ? ctx.allocate(DType.INT64, total) : ClBuffer.of(indices, ctx, "pool2d");
        View iv = indices == null ? new View(ib, DType.INT64, out.shape(), contiguous(out.shape()), 0) : indices;
        ctx.launchGuarded(ctx.kernel("conv.cl", defs, "pool_max"), total, xb, x.offset(), strides4(x), ob, out.offset(),
            strides4(out), ib, iv.offset(), strides4(iv), c, h, wd, oh, ow, window(w));
        if (indices == null) ib.release();
      }
      case AVG, AVG_EXCLUDE_PAD -> ctx.launchGuarded(ctx.kernel("conv.cl", defs, "pool_avg"), total, xb, x.offset(),
          strides4(x), ob, out.offset(), strides4(out), c, h, wd, oh, ow, window(w), mode == PoolMode.AVG ? 1 : 0);
      case ADAPTIVE_AVG -> ctx.launchGuarded(ctx.kernel("conv.cl", defs, "pool_adaptive"), total, xb, x.offset(),
          strides4(x), ob, out.offset(), strides4(out), c, h, wd, oh, ow);
    }
  }

  /** The int4 of a rank-3 or rank-4 view's strides (unused lanes 0). */
  private static int[] strides4(View v) {
    return Arrays.copyOf(v.strides(), 4);
  }

  /** The int8 (kH, kW, sH, sW, pH, pW, dH, dW) the kernels read. */
  private static int[] window(Window2d w) {
    return new int[] {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.padH(), w.padW(), w.dilationH(), w.dilationW()};
  }

  private static int[] contiguous(int[] shape) {
    int[] s = new int[shape.length];
    for (int d = shape.length - 1, st = 1; d >= 0; st *= shape[d], d--) s[d] = st;
    return s;
  }

  private void checkCols(String op, View x, Window2d w, View cols) {
    if (x.rank() != 4 || cols.rank() != 3) {
      throw new IllegalArgumentException(op + ": expected x [N,C,H,W] and cols [N,K,L], got x " + Arrays.toString(x.shape())
          + " and cols " + Arrays.toString(cols.shape()));
    }
    if (x.dtype() != cols.dtype()) {
      throw new IllegalArgumentException(op + ": x is " + x.dtype() + " but cols is " + cols.dtype());
    }
    long k = (long) x.size(1) * w.kernelH() * w.kernelW();
    long l = (long) w.outH(x.size(2)) * w.outW(x.size(3));
    if (cols.size(0) != x.size(0) || cols.size(1) != k || cols.size(2) != l) {
      throw new IllegalArgumentException(op + ": cols " + Arrays.toString(cols.shape()) + " does not match x "
          + Arrays.toString(x.shape()) + " and " + w + ": expected [" + x.size(0) + ", " + k + ", " + l + "]");
    }
    ctx.requireDtype(x.dtype(), op);
  }

  private void checkPool(PoolMode mode, View x, Window2d w, View out, View indices) {
    if (x.rank() != 4 || out.rank() != 4 || out.size(0) != x.size(0) || out.size(1) != x.size(1)) {
      throw new IllegalArgumentException("pool2d: expected x [N,C,H,W] and out [N,C,oH,oW], got x "
          + Arrays.toString(x.shape()) + " and out " + Arrays.toString(out.shape()));
    }
    if (mode != PoolMode.ADAPTIVE_AVG && (out.size(2) != w.outH(x.size(2)) || out.size(3) != w.outW(x.size(3)))) {
      throw new IllegalArgumentException("pool2d: out " + Arrays.toString(out.shape()) + " does not match x "
          + Arrays.toString(x.shape()) + " and " + w);
    }
    boolean avg = mode == PoolMode.AVG || mode == PoolMode.AVG_EXCLUDE_PAD;
    boolean ok = x.dtype().isFloatingPoint() || (x.dtype() == DType.INT64 && avg);
    if (!ok || out.dtype() != x.dtype()) {
      throw new IllegalArgumentException("pool2d: " + mode + " is not implemented for x " + x.dtype() + " and out " + out.dtype());
    }
    if (indices != null && (indices.dtype() != DType.INT64 || !Arrays.equals(indices.shape(), out.shape()))) {
      throw new IllegalArgumentException("pool2d: indices must be int64 " + Arrays.toString(out.shape()) + ", got "
          + indices.dtype() + " " + Arrays.toString(indices.shape()));
    }
    ctx.requireDtype(x.dtype(), "pool2d");
  }
}
