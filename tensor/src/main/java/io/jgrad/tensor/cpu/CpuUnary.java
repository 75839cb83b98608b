package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuUnary {
  private CpuUnary() {}

  static void run(UnaryOp op, View x, View out, double... args) {
    throw new UnsupportedOperationException("CpuUnary not implemented yet");
  }
}
