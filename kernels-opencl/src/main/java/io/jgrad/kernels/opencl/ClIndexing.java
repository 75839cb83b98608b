package io.jgrad.kernels.opencl;

import static org.jocl.CL.*;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;
import org.jocl.Pointer;
import org.jocl.Sizeof;

/**
 * gather, scatter and nonzero on OpenCL ({@code indexing.cl}).
 *
 * <p>scatter never uses atomics (float atomics through CAS would make ADD depend on
 * scheduling). Lines along the axis write disjoint parts of the target, and within a line the
 * elements apply in index order, as {@code CpuIndex.scatter} does: ADD accumulates repeated
 * indices in the CPU's order and SET keeps the last write, deterministically and equal to the
 * CPU bit for bit. Short lines (up to {@link #SERIAL_MAX}) run one work-item per line, serially;
 * longer ones (a scatter along the only dim of a vector, embedding gradients) are sorted by
 * index first (stable bitonic sort, {@link ClSort#sortLines}), then one work-item per run of
 * equal indices applies its run: a sort-based segmented sum, as parallel as the distinct targets.
 *
 * <p>nonzero counts per chunk of row-major elements, reads the counts back (the output size
 * must be known on the host anyway), takes the prefix sum on the host and writes each chunk's
 * coordinates from its start row.
 */
final class ClIndexing {
  /** Elements per nonzero work-item. */
  private static final int CHUNK = 256;
  /** Longest line a scatter applies serially on one work-item; longer lines are sorted first. */
  static final int SERIAL_MAX = 256;

  private final ClContext ctx;

  ClIndexing(ClContext ctx) { this.ctx = ctx; }

  void gather(View x, int axis, View index, View out) {
    if (x.rank() == 0) {
      gather(vector(x), 0, vector(index), vector(out));
      return;
    }
    checkIndex("gather", index, out.shape().length == index.rank() && java.util.Arrays.equals(out.shape(), index.shape()));
    ctx.requireDtype(x.dtype(), "gather");
    if (out.numel() == 0) return;
    int[] xs = x.strides().clone();
    xs[axis] = 0;
    ctx.launchGuarded(ctx.kernel("indexing.cl", ClTypes.define("T", x.dtype()), "gather"), out.numel(),
        ClBuffer.of(x, ctx, "gather"), ClBuffer.of(index, ctx, "gather"), ClBuffer.of(out, ctx, "gather"),
        ClView.of(out, "gather"), ClView.struct(out.shape(), index.strides(), index.offset(), "gather"),
        ClView.struct(out.shape(), xs, x.offset(), "gather"), x.stride(axis), x.size(axis));
  }

  void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    if (target.rank() == 0) {
      scatter(mode, vector(src), 0, vector(index), vector(target));
      return;
    }
    checkIndex("scatter", index, index.rank() == target.rank());
    ctx.requireDtype(target.dtype(), "scatter");
    if (index.numel() == 0) return;
    int[] lines = drop(index.shape(), axis);
    int count = (int) (index.numel() / index.size(axis));
    String defs = ClTypes.define("T", target.dtype());
    ClBuffer tb = ClBuffer.of(target, ctx, "scatter"), ib = ClBuffer.of(index, ctx, "scatter"), sb = ClBuffer.of(src, ctx, "scatter");
    int[] tv = ClView.struct(lines, drop(target.strides(), axis), target.offset(), "scatter");
    int[] sv = ClView.struct(lines, drop(src.strides(), axis), src.offset(), "scatter");
    int add = mode == ScatterMode.ADD ? 1 : 0, len = index.size(axis);
    if (len <= SERIAL_MAX) {
      ctx.launchGuarded(ctx.kernel("indexing.cl", defs, "scatter"), count, tb, ib, sb, tv,
          ClView.struct(lines, drop(index.strides(), axis), index.offset(), "scatter"), sv,
          target.stride(axis), index.stride(axis), src.stride(axis), len, target.size(axis), add);
      return;
    }
    // An index expanded along the other dims (stride 0 there) is the same on every line: sort it once.
    boolean shared = true;
    for (int d = 0; d < index.rank(); d++) shared &= d == axis || index.stride(d) == 0 || index.size(d) == 1;
    View keys = shared ? index.with(new int[] {len}, new int[] {index.stride(axis)}, index.offset()) : index;
    try (ClSort.Sorted sorted = new ClSort(ctx).sortLines(keys, shared ? 0 : axis, false, "scatter")) {
      ctx.launchGuarded(ctx.kernel("indexing.cl", defs, "scatter_sorted"), index.numel(), tb, sorted.keys(), sorted.perm(), sb,
          tv, sv, target.stride(axis), src.stride(axis), len, sorted.p(), target.size(axis), add, shared ? 1 : 0);
    }
  }

  Buffer nonzero(View x) {
    ctx.requireDtype(x.dtype(), "nonzero");
    int rank = x.rank(), n = (int) x.numel();
    if (rank == 0) throw new IllegalArgumentException("nonzero: expected a view of rank >= 1, got a 0-dim view");
    int chunks = Math.ceilDiv(n, CHUNK);
    if (chunks == 0) return ctx.allocate(DType.INT64, 0);
    String defs = ClTypes.define("T", x.dtype());
    int[] xv = ClView.of(x, "nonzero");
    ClBuffer xb = ClBuffer.of(x, ctx, "nonzero");
    ClBuffer counts = ctx.allocate(DType.INT32, chunks);
    try {
      ctx.launchGuarded(ctx.kernel("indexing.cl", defs, "nonzero_count"), chunks, xb, xv, CHUNK, n, counts);
      int[] starts = new int[chunks];
      read(counts, starts);
      long total = 0;
      for (int c = 0; c < chunks; c++) {
        int k = starts[c];
        starts[c] = (int) total;
        total += k;
      }
      ClBuffer coords = ctx.allocate(DType.INT64, Math.toIntExact(total * rank));
      if (total > 0) {
        write(counts, starts);
        ctx.launchGuarded(ctx.kernel("indexing.cl", defs, "nonzero_write"), chunks, xb, xv, CHUNK, n, counts, coords);
      }
      return coords;
    } finally {
      counts.release();
    }
  }

  private void read(ClBuffer b, int[] host) {
    OpenClException.check(clEnqueueReadBuffer(ctx.queue(), b.mem(), CL_TRUE, 0, (long) host.length * Sizeof.cl_int,
        Pointer.to(host), 0, null, null), "clEnqueueReadBuffer (nonzero counts)");
  }

  private void write(ClBuffer b, int[] host) {
    OpenClException.check(clEnqueueWriteBuffer(ctx.queue(), b.mem(), CL_TRUE, 0, (long) host.length * Sizeof.cl_int,
        Pointer.to(host), 0, null, null), "clEnqueueWriteBuffer (nonzero starts)");
  }

  private static void checkIndex(String op, View index, boolean shapesOk) {
    if (index.dtype() != DType.INT64) {
      throw new IllegalArgumentException(op + ": index must be int64, got " + index.dtype());
    }
    if (!shapesOk) throw new IllegalArgumentException(op + ": index shape " + java.util.Arrays.toString(index.shape())
        + " does not match the other operand's rank or shape");
  }

  /** A 0-dim view as a one-element vector. */
  private static View vector(View v) {
    return v.rank() == 0 ? v.with(new int[] {1}, new int[] {1}, v.offset()) : v;
  }

  static int[] drop(int[] a, int axis) {
    int[] out = new int[a.length - 1];
    for (int d = 0, j = 0; d < a.length; d++) if (d != axis) out[j++] = a[d];
    return out;
  }
}
