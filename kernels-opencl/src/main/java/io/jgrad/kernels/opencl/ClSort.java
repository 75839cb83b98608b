package io.jgrad.kernels.opencl;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/**
 * Stable sort along one axis on OpenCL ({@code sort.cl}): every line is padded to a power of
 * two P and sorted by a bitonic network over (key, original position) pairs, all lines at once:
 * chunks of up to {@link #CHUNK_MAX} elements in local memory, longer distances one launch per
 * step (see {@link #network}). O(P log^2 P) work, but no data-dependent control flow. Keys are those of
 * {@code CpuSort} (NaN last ascending, first descending; -0.0 == 0.0) and ties are broken by
 * position, so values and indices equal the CPU's exactly.
 */
final class ClSort {
  /** Work-group size of the local-memory steps (fixed: pocl compiles once per local size). */
  private static final int LOCAL_GROUP = 256;
  /** Most elements one work-group sorts in local memory. */
  static final int CHUNK_MAX = 2048;

  private final ClContext ctx;

  ClSort(ClContext ctx) { this.ctx = ctx; }

  void sort(View x, int axis, boolean descending, View values, View indices) {
    if (x.rank() == 0) {
      View one = x.with(new int[] {1}, new int[] {1}, x.offset());
      sort(one, 0, descending, values.with(new int[] {1}, new int[] {1}, values.offset()),
          indices.with(new int[] {1}, new int[] {1}, indices.offset()));
      return;
    }
    check(x, values, indices);
    if (x.numel() == 0) return;
    int len = x.size(axis);
    int[] lineShape = ClIndexing.drop(x.shape(), axis);
    try (Sorted s = sortLines(x, axis, descending, "sort")) {
      ctx.launchGuarded(ctx.kernel("sort.cl", ClTypes.define("T", x.dtype()), "sort_write"), x.numel(), ClBuffer.of(x, ctx, "sort"),
          ClView.struct(lineShape, ClIndexing.drop(x.strides(), axis), x.offset(), "sort"),
          ClView.struct(lineShape, ClIndexing.drop(values.strides(), axis), values.offset(), "sort"),
          ClView.struct(lineShape, ClIndexing.drop(indices.strides(), axis), indices.offset(), "sort"),
          x.stride(axis), values.stride(axis), indices.stride(axis), len, s.p(), s.perm(),
          ClBuffer.of(values, ctx, "sort"), ClBuffer.of(indices, ctx, "sort"));
    }
  }

  /**
   * Sorted keys and permutations of every line of x along axis: {@code keys}/{@code perm} are
   * [lines, p] (p = len rounded up to a power of two, padding last); line l is x's l-th line
   * in row-major order of the other dims. For INT64 x ascending the keys are the values.
   */
  record Sorted(ClBuffer keys, ClBuffer perm, int p, int lines) implements AutoCloseable {
    @Override
    public void close() {
      keys.release();
      perm.release();
    }
  }

  /** Runs the bitonic network over every line of a non-empty x; the caller closes the result. */
  Sorted sortLines(View x, int axis, boolean descending, String op) {
    int len = x.size(axis);
    int lines = (int) (x.numel() / len);
    int p = Integer.highestOneBit(len) == len ? len : Integer.highestOneBit(len) << 1;
    long padded = (long) lines * p;
    if (padded > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(op + ": " + lines + " lines of " + len + " elements padded to " + p
          + " exceed the OpenCL sort's 2^31 work-items");
    }
    String defs = ClTypes.define("T", x.dtype());
    ClBuffer keys = ctx.allocate(DType.INT64, (int) padded), perm = ctx.allocate(DType.INT32, (int) padded);
    ctx.launchGuarded(ctx.kernel("sort.cl", defs, "sort_init"), padded, ClBuffer.of(x, ctx, op),
        ClView.struct(ClIndexing.drop(x.shape(), axis), ClIndexing.drop(x.strides(), axis), x.offset(), op),
        x.stride(axis), len, p, descending ? 1 : 0, keys, perm);
    if (p > 1) network(defs, keys, perm, p, (int) padded);
    return new Sorted(keys, perm, p, lines);
  }

  /**
   * The bitonic network over [lines, p]: steps whose pairs stay inside a chunk of c elements run
   * in local memory (one launch sorts every chunk, one more finishes each later stage), the
   * others (j >= c) one launch each: about log2(p/c)^2/2 launches instead of log2(p)^2/2.
   */
  private void network(String defs, ClBuffer keys, ClBuffer perm, int p, int padded) {
    int wg = (int) Math.min(LOCAL_GROUP, Long.highestOneBit(ctx.info().maxWorkGroupSize()));
    // 12 bytes (key + position) per element, in at most half of the device's local memory
    int c = (int) Math.min(Math.min(CHUNK_MAX, p), Long.highestOneBit(Math.max(ctx.info().localMemBytes() / 24, 2)));
    var local = ctx.kernel("sort.cl", defs, "sort_local");
    var step = ctx.kernel("sort.cl", defs, "sort_step");
    long[] global = {(long) (padded / c) * wg}, group = {wg};
    ClContext.Local lk = new ClContext.Local(8L * c), lp = new ClContext.Local(4L * c);
    ctx.launch(local, global, group, keys, perm, p, c, 2, c, 1, lk, lp);
    for (int k = 2 * c; k <= p; k <<= 1) {
      for (int j = k >> 1; j >= c; j >>= 1) ctx.launchGuarded(step, padded, keys, perm, p, k, j);
      ctx.launch(local, global, group, keys, perm, p, c, k, k, c / 2, lk, lp);
    }
  }

  private void check(View x, View values, View indices) {
    if (!Arrays.equals(x.shape(), values.shape()) || !Arrays.equals(x.shape(), indices.shape())) {
      throw new IllegalArgumentException("sort: values " + Arrays.toString(values.shape()) + " and indices "
          + Arrays.toString(indices.shape()) + " must have x's shape " + Arrays.toString(x.shape()));
    }
    if (values.dtype() != x.dtype() || indices.dtype() != DType.INT64) {
      throw new IllegalArgumentException("sort: expected values " + x.dtype() + " and indices INT64, got "
          + values.dtype() + " and " + indices.dtype());
    }
    ctx.requireDtype(x.dtype(), "sort");
  }
}
