package io.jgrad.tensor.cpu;

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
}
