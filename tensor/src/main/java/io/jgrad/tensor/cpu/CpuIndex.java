package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuIndex {
  private CpuIndex() {}

  static void gather(View x, int axis, View index, View out) {
    throw new UnsupportedOperationException("CpuIndex not implemented yet");
  }

  static void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    throw new UnsupportedOperationException("CpuIndex not implemented yet");
  }

  static Buffer nonzero(View x) {
    throw new UnsupportedOperationException("CpuIndex not implemented yet");
  }
}
