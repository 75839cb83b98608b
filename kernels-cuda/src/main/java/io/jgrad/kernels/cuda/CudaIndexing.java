package io.jgrad.kernels.cuda;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;

/** Gather, scatter, nonzero ({@code index.cu}) and sort ({@code sort.cu}). */
final class CudaIndexing {
  private static final int MAX_GRID = 1 << 20;
  /** Longest padded line sorted in shared memory by one block. */
  private static final int SHARED_SORT_MAX = 2048;
  private final CudaBackend be;

  CudaIndexing(CudaBackend be) { this.be = be; }

  void gather(View x, int axis, View index, View out) {
    if (x.rank() == 0) {
      gather(CudaBackend.asVector(x), 0, CudaBackend.asVector(index), CudaBackend.asVector(out));
      return;
    }
    long n = out.numel();
    if (n == 0) return;
    int[] xs = x.strides().clone();
    xs[axis] = 0;  // the index supplies the axis coordinate
    int[][] l = Lay.merged("gather", out.shape(), new int[][] {out.strides(), index.strides(), xs},
        new int[] {out.offset(), index.offset(), x.offset()});
    be.ctx.launchN(Kernel.GATHER_STRIDED, n, () -> "gather along " + axis + " of " + x + " by " + index, l[0], l[1], l[2],
        x.stride(axis), x.size(axis), x.dtype().byteSize(), be.ptr(x), be.ptr(index), be.ptr(out), n);
  }

  void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    if (target.rank() == 0) {
      scatter(mode, CudaBackend.asVector(src), 0, CudaBackend.asVector(index), CudaBackend.asVector(target));
      return;
    }
    long n = index.numel();
    if (n == 0) return;
    int add = mode == ScatterMode.ADD ? 1 : 0;
    int dt = target.dtype().ordinal();
    if (be.deterministic) {
      int len = index.size(axis);
      long lines = n / len;
      int[] ts = without(target.strides(), axis), is = without(index.strides(), axis), ss = without(src.strides(), axis);
      int[] shape = without(index.shape(), axis);
      be.ctx.launchN(Kernel.SCATTER_SERIAL, lines, () -> mode + " scatter along " + axis + " into " + target,
          add, Lay.of(shape, ts, target.offset(), "scatter"), Lay.of(shape, is, index.offset(), "scatter"),
          Lay.of(shape, ss, src.offset(), "scatter"), target.stride(axis), index.stride(axis), src.stride(axis), len,
          target.size(axis), dt, be.ptr(src), be.ptr(index), be.ptr(target), lines);
      return;
    }
    int[] ts = target.strides().clone();
    ts[axis] = 0;
    int[][] l = Lay.merged("scatter", index.shape(), new int[][] {ts, index.strides(), src.strides()},
        new int[] {target.offset(), index.offset(), src.offset()});
    be.ctx.launchN(Kernel.SCATTER_ATOMIC, n, () -> mode + " scatter along " + axis + " into " + target + " by " + index,
        add, l[0], l[1], l[2], target.stride(axis), target.size(axis), dt, be.ptr(src), be.ptr(index), be.ptr(target), n);
  }

  private static int[] without(int[] a, int axis) {
    int[] r = new int[a.length - 1];
    for (int d = 0, j = 0; d < a.length; d++) if (d != axis) r[j++] = a[d];
    return r;
  }

  Buffer nonzero(View x) {
    int rank = x.rank();
    long n = x.numel();
    int[] lay = Lay.of(x, "nonzero");
    CudaBuffer count = (CudaBuffer) be.allocate(DType.INT64, 1);
    long c;
    try {
      View cv = new View(count, DType.INT64, new int[] {1}, new int[] {1}, 0);
      be.fill(cv, 0);
      be.ctx.launchN(Kernel.NONZERO_COUNT, n, () -> "nonzero count of " + x, lay, x.dtype().ordinal(), be.ptr(x), n, count.ptr());
      // a recording context (tests without a GPU) has no data: take every element as nonzero
      c = be.ctx.recording() && !be.ctx.recorder().hasMemory() ? n : ((long[]) be.download(cv))[0];
    } finally {
      count.release();
    }
    CudaBuffer out = (CudaBuffer) be.allocate(DType.INT64, Math.toIntExact(c * rank));
    if (c > 0) {
      be.ctx.launch(Kernel.NONZERO_WRITE, 1, 1, 1, 1024, 0, () -> "nonzero of " + x, lay, x.dtype().ordinal(), be.ptr(x), n,
          out.ptr());
    }
    return out;
  }

  void sort(View x, int axis, boolean descending, View values, View indices) {
    if (x.rank() == 0) {
      sort(CudaBackend.asVector(x), 0, descending, CudaBackend.asVector(values), CudaBackend.asVector(indices));
      return;
    }
    int n = x.size(axis);
    long lines = n == 0 ? 0 : x.numel() / n;
    if (lines == 0) return;
    int p = Integer.highestOneBit(Math.max(n, 1));
    if (p < n) p <<= 1;
    final int P = p;
    int total = Math.toIntExact(lines * P);
    CudaBuffer keys = (CudaBuffer) be.allocate(DType.INT64, total);
    CudaBuffer pos = (CudaBuffer) be.allocate(DType.INT32, total);
    try {
      int[] lx = Lay.lines(x, axis, "sort");
      be.ctx.launchN(Kernel.SORT_INIT, total, () -> "sort keys of " + x, lx, x.stride(axis), n, P, x.dtype().ordinal(),
          descending ? 1 : 0, be.ptr(x), keys.ptr(), pos.ptr(), lines);
      if (P <= SHARED_SORT_MAX) {
        if (P > 1) {
          be.ctx.launch(Kernel.SORT_SHARED, (int) Math.min(lines, MAX_GRID), 1, 1, Math.max(32, Math.min(P / 2, 1024)), 0,
              () -> "sort lines of " + P + " in " + x, P, keys.ptr(), pos.ptr(), lines);
        }
      } else {
        for (int size = 2; size <= P; size <<= 1) {
          for (int stride = size >> 1; stride > 0; stride >>= 1) {
            int sz = size, st = stride;
            be.ctx.launchN(Kernel.SORT_STEP, lines * (P / 2), () -> "bitonic step " + sz + "/" + st + " of " + x, P, sz, st,
                keys.ptr(), pos.ptr(), lines);
          }
        }
      }
      be.ctx.launchN(Kernel.SORT_OUT, lines * n, () -> "sort output of " + x, lx, Lay.lines(values, axis, "sort"),
          Lay.lines(indices, axis, "sort"), x.stride(axis), values.stride(axis), indices.stride(axis), n, P,
          x.dtype().byteSize(), be.ptr(x), pos.ptr(), be.ptr(values), be.ptr(indices), lines);
    } finally {
      keys.release();
      pos.release();
    }
  }
}
