package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;
import java.util.Locale;

/**
 * Line ops along one axis: inclusive scans (scan.cl) and (log-)softmax (softmax.cl). The other
 * dims of x and out are merged into lines; short lines run one work item each, long lines
 * ({@code >= GROUP}) a work-group each.
 */
final class ClScan {
  private static final int GROUP = 128;

  private final ClContext ctx;

  ClScan(ClContext ctx) { this.ctx = ctx; }

  void scan(ScanOp op, View x, int axis, View out) {
    String name = "scan " + op;
    DType t = x.dtype();
    if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.INT64 || out.dtype() != t) {
      throw new IllegalArgumentException(name + ": unsupported dtype " + t + " -> " + out.dtype()
          + " (the tensor layer casts integral inputs to int64)");
    }
    run(name, "scan.cl", "s_" + op.name().toLowerCase(Locale.ROOT), x, axis, out);
  }

  void softmax(View x, int axis, boolean log, View out) {
    String name = log ? "logSoftmax" : "softmax";
    if (!x.dtype().isFloatingPoint() || out.dtype() != x.dtype()) {
      throw new IllegalArgumentException(name + ": needs a floating dtype, got " + x.dtype() + " -> " + out.dtype());
    }
    run(name, "softmax.cl", "softmax", x, axis, out, log ? 1 : 0);
  }

  private void run(String name, String file, String kernel, View x, int axis, View out, Object... extra) {
    ClBuffer xb = ClBuffer.of(x, ctx, name), ob = ClBuffer.of(out, ctx, name);
    ctx.requireDtype(x.dtype(), name);
    int rank = x.rank();
    if (rank > 0 && (axis < 0 || axis >= rank) || rank == 0 && axis != 0) {
      throw new IllegalArgumentException(name + ": axis " + axis + " out of range for rank " + rank);
    }
    int n = rank == 0 ? 1 : x.size(axis);
    long lines = n == 0 ? 0 : x.numel() / n;
    if (lines == 0) return;
    int[] shape = x.shape().clone();
    if (rank > 0) shape[axis] = 1;
    int[][] m = ClView.merge(shape, new int[][] {x.strides(), out.strides()});
    int[] kv = ClView.struct(m[0], m[1], x.offset(), name), ov = ClView.struct(m[0], m[2], out.offset(), name);
    int xs = rank == 0 ? 0 : x.stride(axis), os = rank == 0 ? 0 : out.stride(axis);
    Object[] args = new Object[7 + extra.length];
    Object[] fixed = {xb, kv, xs, ob, ov, os, n};
    System.arraycopy(fixed, 0, args, 0, 7);
    System.arraycopy(extra, 0, args, 7, extra.length);
    String opts = ClElementwise.options(x.dtype(), x.dtype());
    if (n < GROUP) {
      ctx.launchGuarded(ctx.kernel(file, opts, kernel + "_serial"), lines, args);
    } else {
      ctx.launch(ctx.kernel(file, opts, kernel + "_group"), new long[] {lines * GROUP}, new long[] {GROUP}, args);
    }
  }
}
