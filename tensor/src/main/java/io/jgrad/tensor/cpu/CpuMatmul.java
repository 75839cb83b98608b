package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuMatmul {
  private CpuMatmul() {}

  static void matmul(View a, View b, View out) {
    throw new UnsupportedOperationException("CpuMatmul not implemented yet");
  }
}
