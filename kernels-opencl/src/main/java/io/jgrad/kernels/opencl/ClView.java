package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.View;
import java.util.Arrays;

/**
 * Strided views as kernel arguments: a {@code view_t} (common.cl) passed by value, 18 ints:
 * {@code rank, offset, shape[8], stride[8]} (elements, row-major). See KERNELS.md.
 */
public final class ClView {
  /** Dimensions a {@code view_t} holds; elementwise views are collapsed first, so this limit is rarely met. */
  public static final int MAX_RANK = 8;

  private ClView() {}

  /** The view_t of one view as it is (no collapsing); for kernels that index dims by meaning. */
  public static int[] of(View v, String op) {
    return struct(v.shape(), v.strides(), v.offset(), op);
  }

  /** A view_t from explicit shape, strides and offset. */
  public static int[] struct(int[] shape, int[] strides, int offset, String op) {
    if (shape.length > MAX_RANK) {
      throw new OpenClException(op + ": rank " + shape.length + " (shape " + Arrays.toString(shape)
          + ") exceeds the OpenCL backend's limit of " + MAX_RANK + " dims");
    }
    int[] s = new int[2 + 2 * MAX_RANK];
    s[0] = shape.length;
    s[1] = offset;
    for (int d = 0; d < shape.length; d++) {
      s[2 + d] = shape[d];
      s[2 + MAX_RANK + d] = strides[d];
    }
    return s;
  }

  /**
   * view_ts of several views of one shape (e.g. the inputs and output of an elementwise op)
   * with that shape simplified alike: size-1 dims dropped, and neighbouring dims merged where
   * every view steps through them as through one dim. Element {@code i} in row-major order is
   * still element {@code i} of each view, so a kernel walks them with one linear index.
   */
  public static int[][] collapse(String op, View... views) {
    int[][] strides = new int[views.length][];
    for (int v = 0; v < views.length; v++) strides[v] = views[v].strides();
    int[][] m = merge(views[0].shape(), strides);
    int[][] out = new int[views.length][];
    for (int v = 0; v < views.length; v++) out[v] = struct(m[0], m[1 + v], views[v].offset(), op);
    return out;
  }

  /**
   * {@code {shape, strides0, strides1, ...}} of one shape walked by several stride vectors,
   * with size-1 dims dropped and dims merged where every stride vector allows it.
   */
  public static int[][] merge(int[] shape, int[][] strides) {
    int n = strides.length;
    int[] outShape = new int[shape.length];
    int[][] outStrides = new int[n][shape.length];
    int r = 0;
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] == 1) continue;
      if (r > 0 && mergeable(strides, shape, d, outStrides, r - 1)) {
        outShape[r - 1] *= shape[d];
        for (int v = 0; v < n; v++) outStrides[v][r - 1] = strides[v][d];
        continue;
      }
      outShape[r] = shape[d];
      for (int v = 0; v < n; v++) outStrides[v][r] = strides[v][d];
      r++;
    }
    int[][] out = new int[n + 1][];
    out[0] = Arrays.copyOf(outShape, r);
    for (int v = 0; v < n; v++) out[1 + v] = Arrays.copyOf(outStrides[v], r);
    return out;
  }

  // The outer dim p (already merged) and dim d merge when stride[p] == stride[d] * shape[d] for every vector.
  private static boolean mergeable(int[][] strides, int[] shape, int d, int[][] merged, int p) {
    for (int v = 0; v < strides.length; v++) {
      if ((long) merged[v][p] != (long) strides[v][d] * shape[d]) return false;
    }
    return true;
  }
}
