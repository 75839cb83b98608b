package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reductions over any set of axes and arg-reductions (reduce.cl). The kept dims (with x's and
 * out's strides) and the reduced dims (x's strides) are each merged where possible; short
 * reductions run one work item per output, long ones a work-group of {@link #GROUP} per
 * output with a tree in local memory, and few long outputs are split in pieces reduced in two
 * launches so that every compute unit takes part.
 */
final class ClReduce {
  /** Work-group size of the tree kernels (WG in reduce.cl). */
  static final int GROUP = 128;
  /** Below this many elements per output one work item reduces it alone. */
  private static final int SERIAL_MAX = 128;
  /** Elements per piece when few outputs are split. */
  private static final int PIECE = 4096;

  private final ClContext ctx;

  ClReduce(ClContext ctx) { this.ctx = ctx; }

  /** The accumulator dtype of a reduction of t (the partials' dtype). */
  static DType accumulator(DType t) { return t.isFloatingPoint() ? t : DType.INT64; }

  void reduce(ReduceOp op, View x, int[] axes, View out) {
    String name = "reduce " + op;
    ClBuffer xb = ClBuffer.of(x, ctx, name), ob = ClBuffer.of(out, ctx, name);
    ctx.requireDtype(x.dtype(), name);
    ctx.requireDtype(out.dtype(), name);
    if (op == ReduceOp.MEAN && !x.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("reduce MEAN needs a floating input, got " + x.dtype());
    }
    boolean[] red = reducedDims(x, axes, name);
    int rank = x.rank();
    int[] keptShape = new int[rank], redShape = new int[rank];
    int[][] kept = new int[2][rank];
    int[][] redX = new int[1][rank];
    for (int d = 0; d < rank; d++) {
      keptShape[d] = red[d] ? 1 : x.size(d);
      kept[0][d] = x.stride(d);
      kept[1][d] = out.stride(d);
      redShape[d] = red[d] ? x.size(d) : 1;
      redX[0][d] = x.stride(d);
    }
    int[][] k = ClView.merge(keptShape, kept), r = ClView.merge(redShape, redX);
    long outputs = out.numel();
    long count = 1;
    for (int s : r[0]) count *= s;
    if (outputs == 0) return;
    if (count == 0) {
      if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
        throw new IllegalArgumentException(op + " over zero elements has no identity (shape " + Arrays.toString(x.shape()) + ")");
      }
      new ClCopy(ctx).fill(out, op == ReduceOp.MEAN ? Double.NaN : identity(op));
      return;
    }
    int[] kv = ClView.struct(k[0], k[1], x.offset(), name), rv = ClView.struct(r[0], r[1], 0, name);
    int[] ov = ClView.struct(k[0], k[2], out.offset(), name);
    int meanDiv = op == ReduceOp.MEAN ? (int) count : 0;
    String kernel = "r_" + op.name().toLowerCase(Locale.ROOT);
    if (count < SERIAL_MAX) {
      ctx.launchGuarded(ctx.kernel("reduce.cl", options(x.dtype(), out.dtype()), kernel + "_serial"), outputs,
          xb, kv, rv, ob, ov, (int) count, 1, meanDiv);
      return;
    }
    int pieces = outputs >= 64 || count < 4L * PIECE ? 1 : (int) Math.min(256, count / PIECE);
    if (pieces == 1) {
      group(kernel, x.dtype(), out.dtype(), outputs, xb, kv, rv, ob, ov, (int) count, 1, meanDiv);
      return;
    }
    DType acc = accumulator(x.dtype());
    ClBuffer partials = ctx.allocate(acc, Math.toIntExact(outputs * pieces));
    try {
      int[] pv = ClView.struct(new int[] {(int) (outputs * pieces)}, new int[] {1}, 0, name);
      group(kernel, x.dtype(), acc, outputs * pieces, xb, kv, rv, partials, pv, (int) count, pieces, 0);
      // Second pass over the partials: row o holds the pieces of output o.
      int[] pk = ClView.struct(new int[] {(int) outputs}, new int[] {pieces}, 0, name);
      int[] pr = ClView.struct(new int[] {pieces}, new int[] {1}, 0, name);
      ctx.launchGuarded(ctx.kernel("reduce.cl", options(acc, out.dtype()), kernel + "_serial"), outputs,
          partials, pk, pr, ob, ov, pieces, 1, meanDiv);
    } finally {
      partials.release();
    }
  }

  private void group(String kernel, DType t, DType o, long groups, Object... args) {
    ctx.launch(ctx.kernel("reduce.cl", options(t, o), kernel + "_group"), new long[] {groups * GROUP},
        new long[] {GROUP}, args);
  }

  static String options(DType t, DType o) { return ClElementwise.options(t, o); }

  private static double identity(ReduceOp op) {
    return switch (op) {
      case SUM, MEAN, ANY -> 0;
      case PROD, ALL -> 1;
      case MAX, MIN -> throw new IllegalStateException();
    };
  }

  private static boolean[] reducedDims(View x, int[] axes, String name) {
    boolean[] red = new boolean[x.rank()];
    for (int a : axes) {
      if (a < 0 || a >= x.rank()) {
        throw new IllegalArgumentException(name + ": axis " + a + " out of range for rank " + x.rank());
      }
      red[a] = true;
    }
    return red;
  }

  void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    String name = "argReduce " + op;
    if (op != ReduceOp.MAX && op != ReduceOp.MIN) throw new IllegalArgumentException(name + ": only MAX and MIN");
    ClBuffer xb = ClBuffer.of(x, ctx, name), vb = ClBuffer.of(values, ctx, name), ib = ClBuffer.of(indices, ctx, name);
    ctx.requireDtype(x.dtype(), name);
    if (axis < 0 || axis >= Math.max(x.rank(), 1)) throw new IllegalArgumentException(name + ": axis " + axis + " out of range for rank " + x.rank());
    int n = x.rank() == 0 ? 1 : x.size(axis);
    int st = x.rank() == 0 ? 0 : x.stride(axis);
    if (values.numel() == 0) return;
    if (n == 0) throw new IllegalArgumentException(name + " along an empty axis (shape " + Arrays.toString(x.shape()) + ")");
    int rank = x.rank();
    int[] shape = x.shape().clone();
    int[][] strides = {x.strides(), values.strides(), indices.strides()};
    if (rank > 0) shape[axis] = 1;
    int[][] m = ClView.merge(shape, strides);
    int[] kv = ClView.struct(m[0], m[1], x.offset(), name);
    int[] vv = ClView.struct(m[0], m[2], values.offset(), name), iv = ClView.struct(m[0], m[3], indices.offset(), name);
    String kernel = "a_" + op.name().toLowerCase(Locale.ROOT);
    String opts = options(x.dtype(), x.dtype());
    long lines = values.numel();
    if (n < SERIAL_MAX) {
      ctx.launchGuarded(ctx.kernel("reduce.cl", opts, kernel + "_serial"), lines, xb, kv, n, st, vb, vv, ib, iv);
    } else {
      ctx.launch(ctx.kernel("reduce.cl", opts, kernel + "_group"), new long[] {lines * GROUP}, new long[] {GROUP},
          xb, kv, n, st, vb, vv, ib, iv);
    }
  }
}
