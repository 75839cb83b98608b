package io.jgrad.kernels.cuda;

import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Lay} struct of {@code common.cuh}, passed by value to kernels: {@code {rank, offset,
 * shape[8], stride[8]}} as 18 ints. Several operands that walk one index space are merged first
 * ({@link #merged}): size-1 dims are dropped and adjacent dims that are contiguous in every operand
 * become one, so a contiguous tensor of any rank is a rank-1 walk.
 */
final class Lay {
  static final int MAX_RANK = 8;
  static final int INTS = 2 + 2 * MAX_RANK;

  private Lay() {}

  /** The struct for one view as it is (rank <= 8). */
  static int[] of(int[] shape, int[] strides, int offset, String op) {
    if (shape.length > MAX_RANK) {
      throw new UnsupportedOperationException("cuda " + op + ": rank " + shape.length + " > " + MAX_RANK
          + " (shape " + Arrays.toString(shape) + ")");
    }
    int[] s = new int[INTS];
    s[0] = shape.length;
    s[1] = offset;
    for (int d = 0; d < shape.length; d++) {
      s[2 + d] = shape[d];
      s[2 + MAX_RANK + d] = strides[d];
    }
    return s;
  }

  static int[] of(View v, String op) { return of(v.shape(), v.strides(), v.offset(), op); }

  /** Rank 1 over n contiguous elements from offset. */
  static int[] contiguous(int n, int offset) { return of(new int[] {n}, new int[] {1}, offset, "contiguous"); }

  /**
   * One struct per operand, all walking {@code shape} in row-major order with their own strides
   * and offsets, after merging dims that are contiguous in every operand.
   */
  static int[][] merged(String op, int[] shape, int[][] strides, int[] offsets) {
    List<int[]> dims = new ArrayList<>();  // {size, stride_0, stride_1, ...}
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      int[] e = new int[1 + strides.length];
      e[0] = shape[d];
      for (int k = 0; k < strides.length; k++) e[1 + k] = strides[k][d];
      if (!dims.isEmpty()) {
        int[] prev = dims.get(dims.size() - 1);
        boolean joinable = true;
        for (int k = 0; k < strides.length && joinable; k++) joinable = prev[1 + k] == e[1 + k] * e[0];
        if (joinable) {
          prev[0] *= e[0];
          for (int k = 0; k < strides.length; k++) prev[1 + k] = e[1 + k];
          continue;
        }
      }
      dims.add(e);
    }
    int r = dims.size();
    int[][] out = new int[strides.length][];
    for (int k = 0; k < strides.length; k++) {
      int[] sh = new int[r], st = new int[r];
      for (int d = 0; d < r; d++) {
        sh[d] = dims.get(d)[0];
        st[d] = dims.get(d)[1 + k];
      }
      out[k] = of(sh, st, offsets[k], op);
    }
    return out;
  }

  /** A view's shape and strides without {@code axis} (the lines along axis), same offset. */
  static int[] lines(View v, int axis, String op) {
    int r = v.rank();
    int[] sh = new int[Math.max(r - 1, 0)], st = new int[sh.length];
    for (int d = 0, j = 0; d < r; d++) {
      if (d == axis) continue;
      sh[j] = v.shape()[d];
      st[j++] = v.strides()[d];
    }
    return of(sh, st, v.offset(), op);
  }

  /** True when every element of the walk is at offset + i (rank <= 1 with unit stride). */
  static boolean isDense(int[] lay) { return lay[0] == 0 || (lay[0] == 1 && lay[2 + MAX_RANK] == 1); }
}
