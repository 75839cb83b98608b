package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/** Reductions, argmax/argmin, scans and softmax ({@code reduce.cu}). */
final class CudaReductions {
  private static final int MAX_GRID = 1 << 20;
  private final CudaBackend be;

  CudaReductions(CudaBackend be) { this.be = be; }

  /** Power-of-two block size in [32, 256] covering n items where possible. */
  static int blockFor(long n) {
    int b = 32;
    while (b < 256 && b < n) b <<= 1;
    return b;
  }

  void reduce(ReduceOp op, View x, int[] axes, View out) {
    int r = x.rank();
    boolean[] red = new boolean[r];
    for (int a : axes) red[a] = true;
    int nk = 0;
    for (boolean b : red) if (!b) nk++;
    int[] ks = new int[nk], kxs = new int[nk], kos = new int[nk], rs = new int[r - nk], rxs = new int[r - nk];
    long outputs = 1, count = 1;
    for (int d = 0, i = 0, j = 0; d < r; d++) {
      if (red[d]) {
        rs[j] = x.size(d);
        rxs[j++] = x.stride(d);
        count *= x.size(d);
      } else {
        ks[i] = x.size(d);
        kxs[i] = x.stride(d);
        kos[i++] = out.stride(d);
        outputs *= x.size(d);
      }
    }
    if (outputs == 0) return;
    if (count == 0) {
      if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
        throw new IllegalArgumentException(op + " over zero elements has no identity (shape " + Arrays.toString(x.shape()) + ")");
      }
      be.fill(out, switch (op) {
        case MEAN -> Double.NaN;
        case PROD, ALL -> 1;
        default -> 0;
      });
      return;
    }
    int[][] kept = Lay.merged("reduce", ks, new int[][] {kxs, kos}, new int[] {x.offset(), out.offset()});
    int[] redLay = Lay.merged("reduce", rs, new int[][] {rxs}, new int[] {0})[0];
    long outs = outputs, cnt = count;
    be.ctx.launch(Kernel.REDUCE_GENERIC, (int) Math.min(outputs, MAX_GRID), 1, 1, blockFor(count), 0,
        () -> op + " over " + Arrays.toString(axes) + " of " + x + " -> " + out, op.ordinal(), kept[0], kept[1], redLay,
        x.dtype().ordinal(), be.ptr(x), out.dtype().ordinal(), be.ptr(out), outs, cnt);
  }

  void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    if (x.rank() == 0) {
      argReduce(op, CudaBackend.asVector(x), 0, CudaBackend.asVector(values), CudaBackend.asVector(indices));
      return;
    }
    int n = x.size(axis);
    long lines = n == 0 ? 0 : x.numel() / n;
    if (lines == 0) return;
    be.ctx.launch(Kernel.ARGREDUCE_GENERIC, (int) Math.min(lines, MAX_GRID), 1, 1, blockFor(n), 0,
        () -> op + " along " + axis + " of " + x, op == ReduceOp.MAX ? 1 : 0, Lay.lines(x, axis, "argReduce"),
        Lay.lines(values, axis, "argReduce"), Lay.lines(indices, axis, "argReduce"), x.stride(axis), n,
        x.dtype().ordinal(), be.ptr(x), be.ptr(values), be.ptr(indices), lines);
  }

  void scan(ScanOp op, View x, int axis, View out) {
    if (x.dtype() != DType.FLOAT32 && x.dtype() != DType.FLOAT64 && x.dtype() != DType.INT64) {
      throw new IllegalArgumentException("scan: unsupported dtype " + x.dtype()
          + " (the tensor layer casts integral inputs to int64)");
    }
    if (x.rank() == 0) {
      scan(op, CudaBackend.asVector(x), 0, CudaBackend.asVector(out));
      return;
    }
    int n = x.size(axis);
    long lines = n == 0 ? 0 : x.numel() / n;
    be.ctx.launchN(Kernel.SCAN_GENERIC, lines, () -> op + " along " + axis + " of " + x, op.ordinal(),
        Lay.lines(x, axis, "scan"), Lay.lines(out, axis, "scan"), x.stride(axis), out.stride(axis), n,
        x.dtype().ordinal(), be.ptr(x), be.ptr(out), lines);
  }

  void softmax(View x, int axis, boolean log, View out) {
    if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException("softmax: needs a floating dtype, got " + x.dtype());
    if (x.rank() == 0) {
      softmax(CudaBackend.asVector(x), 0, log, CudaBackend.asVector(out));
      return;
    }
    int n = x.size(axis);
    long lines = n == 0 ? 0 : x.numel() / n;
    if (lines == 0) return;
    Kernel k = x.dtype() == DType.FLOAT32 ? Kernel.SOFTMAX_F32 : Kernel.SOFTMAX_F64;
    be.ctx.launch(k, (int) Math.min(lines, MAX_GRID), 1, 1, blockFor(n), 0,
        () -> (log ? "logSoftmax" : "softmax") + " along " + axis + " of " + x, Lay.lines(x, axis, "softmax"),
        Lay.lines(out, axis, "softmax"), x.stride(axis), out.stride(axis), n, log ? 1 : 0, be.ptr(x), be.ptr(out), lines);
  }
}
