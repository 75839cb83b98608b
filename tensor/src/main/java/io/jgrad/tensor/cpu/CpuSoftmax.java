package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuSoftmax {
  private CpuSoftmax() {}

  static void softmax(View x, int axis, boolean log, View out) {
    throw new UnsupportedOperationException("CpuSoftmax not implemented yet");
  }
}
