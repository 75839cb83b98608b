package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuBinary {
  private CpuBinary() {}

  static void run(BinaryOp op, View a, View b, View out) {
    throw new UnsupportedOperationException("CpuBinary not implemented yet");
  }

  static void where(View cond, View a, View b, View out) {
    throw new UnsupportedOperationException("CpuBinary not implemented yet");
  }
}
