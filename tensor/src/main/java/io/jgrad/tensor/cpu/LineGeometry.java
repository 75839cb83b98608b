package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines along one axis of several same-shaped operands (argReduce, scans, softmax): the other
 * dims, with size-1 dims dropped and contiguous neighbours merged, enumerate the lines; each
 * operand has its own stride along the axis. Operands whose axis is 1 (argReduce's outputs)
 * simply never step along it.
 */
final class LineGeometry {
  final int[] shape;
  final int[][] strides;
  final int[] offsets;
  /** Number of lines, elements per line and each operand's stride along the axis. */
  final int lines, n;
  final int[] axisStride;

  LineGeometry(int[] xShape, int axis, int[][] opStrides, int[] opOffsets) {
    int ops = opStrides.length;
    List<int[]> dims = new ArrayList<>();
    long count = 1;
    for (int d = 0; d < xShape.length; d++) {
      if (d == axis) continue;
      count *= xShape[d];
      if (xShape[d] == 1) continue;
      int[] e = new int[ops + 1];
      e[0] = xShape[d];
      for (int k = 0; k < ops; k++) e[k + 1] = opStrides[k][d];
      if (!dims.isEmpty()) {
        int[] p = dims.get(dims.size() - 1);
        boolean ok = true;
        for (int k = 1; k <= ops; k++) ok &= p[k] == e[k] * e[0];
        if (ok) {
          p[0] *= e[0];
          for (int k = 1; k <= ops; k++) p[k] = e[k];
          continue;
        }
      }
      dims.add(e);
    }
    lines = (int) count;
    n = xShape[axis];
    shape = new int[dims.size()];
    strides = new int[ops][dims.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = dims.get(i)[0];
      for (int k = 0; k < ops; k++) strides[k][i] = dims.get(i)[k + 1];
    }
    axisStride = new int[ops];
    for (int k = 0; k < ops; k++) axisStride[k] = opStrides[k][axis];
    offsets = opOffsets.clone();
  }

  /** Offset of the first element of line i in operand k. */
  int base(int k, int i) { return offsets[k] + ReduceGeometry.offsetOf(i, shape, strides[k], shape.length); }

  /** Runs body over lines [0, lines), in parallel when the work is at least minParallel elements. */
  void run(Parallel.Range body, long minParallel) {
    if (lines == 0 || n == 0) return;
    if (lines >= 2 && (long) lines * n >= minParallel) Parallel.forRange(lines, body);
    else body.run(0, lines);
  }

  /** Columns [c0, c1) of the [n, width] block at xo (input) and oo (output). */
  @FunctionalInterface
  interface Block {
    void run(int xo, int oo, int c0, int c1);
  }

  /**
   * Width of the row-major [n, width] blocks that dims axis.. form in both x and out (rows
   * width apart), or 0 when they do not, or when width or n is 1 (plain lines are as good).
   */
  static int blockWidth(View x, View out, int axis) {
    int width = 1;
    for (int d = axis + 1; d < x.rank(); d++) width *= x.size(d);
    if (width <= 1 || x.size(axis) <= 1) return 0;
    return contiguousFrom(x, axis, width) && contiguousFrom(out, axis, width) ? width : 0;
  }

  private static boolean contiguousFrom(View v, int axis, int width) {
    int expected = 1;
    for (int d = v.rank() - 1; d > axis; d--) {
      if (v.size(d) != 1 && v.stride(d) != expected) return false;
      expected *= v.size(d);
    }
    return v.stride(axis) == width;
  }

  /**
   * Runs body over every outer position's block, split into column chunks (at least 64
   * columns each) when there are fewer blocks than threads; parallel above minParallel elements.
   */
  static void forBlocks(View x, View out, int axis, int width, long minParallel, Block body) {
    int[] outerShape = java.util.Arrays.copyOf(x.shape(), axis);
    int[] xs = java.util.Arrays.copyOf(x.strides(), axis), os = java.util.Arrays.copyOf(out.strides(), axis);
    int outer = 1;
    for (int s : outerShape) outer *= s;
    boolean parallel = (long) outer * x.size(axis) * width >= minParallel && Parallel.threads() > 1;
    int chunks = parallel && outer < Parallel.threads() ? Math.max(1, Math.min(Parallel.threads() * 2, width / 64)) : 1;
    Parallel.Range range = (lo, hi) -> {
      for (int t = lo; t < hi; t++) {
        int p = t / chunks, c = t % chunks;
        body.run(x.offset() + ReduceGeometry.offsetOf(p, outerShape, xs, axis),
            out.offset() + ReduceGeometry.offsetOf(p, outerShape, os, axis),
            (int) ((long) width * c / chunks), (int) ((long) width * (c + 1) / chunks));
      }
    };
    int tasks = outer * chunks;
    if (parallel && tasks > 1) Parallel.forRange(tasks, range);
    else range.run(0, tasks);
  }
}
