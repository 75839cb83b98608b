package io.jgrad.tensor.spi;

import io.jgrad.tensor.DType;
import java.util.Arrays;

/**
 * A strided window on a buffer: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...}. Strides are in elements and never
 * negative; a stride of 0 repeats an element (broadcasting). Kernels receive views and must
 * accept any strides.
 */
public record View(Buffer buffer, DType dtype, int[] shape, int[] strides, int offset) {

  public int rank() { return shape.length; }

  public int size(int d) { return shape[d]; }

  public int stride(int d) { return strides[d]; }

  public long numel() {
    long n = 1;
    for (int s : shape) n *= s;
    return n;
  }

  /** True when the elements are dense in row-major order starting at {@code offset}. */
  public boolean isContiguous() {
    // As in PyTorch, an empty view is contiguous whatever its strides.
    if (numel() == 0) return true;
    int expected = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] != 1 && strides[d] != expected) return false;
      expected *= shape[d];
    }
    return true;
  }

  /** The same window with other shape/strides/offset (no copy). */
  public View with(int[] newShape, int[] newStrides, int newOffset) {
    return new View(buffer, dtype, newShape, newStrides, newOffset);
  }

  @Override
  public String toString() {
    return "View" + Arrays.toString(shape) + " strides=" + Arrays.toString(strides) + " offset=" + offset
        + " " + dtype;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof View v && v.buffer == buffer && v.offset == offset && v.dtype == dtype
        && Arrays.equals(v.shape, shape) && Arrays.equals(v.strides, strides);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(buffer) * 31 + offset * 17 + Arrays.hashCode(shape) + Arrays.hashCode(strides);
  }
}
