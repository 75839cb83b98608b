package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuSort {
  private CpuSort() {}

  static void sort(View x, int axis, boolean descending, View values, View indices) {
    throw new UnsupportedOperationException("CpuSort not implemented yet");
  }
}
