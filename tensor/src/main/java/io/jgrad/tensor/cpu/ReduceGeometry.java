package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The layout of one reduction, simplified the way TensorIterator does it: size-1 dims are
 * dropped and adjacent dims that are contiguous in every operand are merged. Kept dims (the
 * outputs) stay in order; reduced dims are ordered by decreasing input stride so the last
 * one is the innermost. Kernels then see either contiguous rows (reduced dims innermost,
 * stride 1), contiguous columns (a kept dim innermost with stride 1 in input and output), or
 * the general strided case.
 */
final class ReduceGeometry {
  final int[] keptShape, keptX, keptOut;
  final int[] redShape, redX;
  /** Number of outputs and number of elements reduced into each. */
  final int outputs, count;
  final int xOffset, outOffset;

  ReduceGeometry(View x, int[] axes, View out) {
    boolean[] reduced = new boolean[x.rank()];
    for (int a : axes) reduced[a] = true;
    List<int[]> kept = new ArrayList<>(), red = new ArrayList<>();
    long outs = 1, cnt = 1;
    for (int d = 0; d < x.rank(); d++) {
      int s = x.size(d);
      if (reduced[d]) cnt *= s; else outs *= s;
      if (s == 1) continue;
      if (reduced[d]) red.add(new int[] {s, x.stride(d)});
      else kept.add(new int[] {s, x.stride(d), out.stride(d)});
    }
    outputs = (int) outs;
    count = (int) cnt;
    red.sort((p, q) -> Integer.compare(q[1], p[1]));
    List<int[]> k = merge(kept, 2);
    List<int[]> r = merge(red, 1);
    keptShape = column(k, 0);
    keptX = column(k, 1);
    keptOut = column(k, 2);
    redShape = column(r, 0);
    redX = column(r, 1);
    xOffset = x.offset();
    outOffset = out.offset();
  }

  /** Merges dim i into its predecessor when every stride satisfies prev = stride * size. */
  private static List<int[]> merge(List<int[]> dims, int strides) {
    List<int[]> out = new ArrayList<>();
    for (int[] d : dims) {
      if (!out.isEmpty()) {
        int[] p = out.get(out.size() - 1);
        boolean ok = true;
        for (int k = 1; k <= strides; k++) ok &= p[k] == d[k] * d[0];
        if (ok) {
          p[0] *= d[0];
          for (int k = 1; k <= strides; k++) p[k] = d[k];
          continue;
        }
      }
      out.add(d.clone());
    }
    return out;
  }

  private static int[] column(List<int[]> rows, int c) {
    int[] out = new int[rows.size()];
    for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[c];
    return out;
  }

  /** Reduced elements form one stride-1 run per output. */
  boolean rowsContiguous() { return redShape.length == 1 && redX[0] == 1; }

  /** The innermost kept dim has stride 1 in input and output and something is reduced. */
  boolean columnsContiguous() {
    int last = keptShape.length - 1;
    return last >= 0 && keptX[last] == 1 && keptOut[last] == 1 && redShape.length > 0;
  }

  /** Offset of the {@code i}-th position (row-major) of a shape with the given strides. */
  static int offsetOf(int i, int[] shape, int[] strides, int dims) {
    int off = 0;
    for (int d = dims - 1; d >= 0; d--) {
      int s = shape[d];
      off += (i % s) * strides[d];
      i /= s;
    }
    return off;
  }

  @Override
  public String toString() {
    return "kept " + Arrays.toString(keptShape) + " x" + Arrays.toString(keptX) + " out" + Arrays.toString(keptOut)
        + " reduced " + Arrays.toString(redShape) + " x" + Arrays.toString(redX);
  }
}
