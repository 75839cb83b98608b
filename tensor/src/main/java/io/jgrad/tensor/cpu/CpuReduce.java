package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuReduce {
  private CpuReduce() {}

  static void reduce(ReduceOp op, View x, int[] axes, View out) {
    throw new UnsupportedOperationException("CpuReduce not implemented yet");
  }

  static void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    throw new UnsupportedOperationException("CpuReduce not implemented yet");
  }
}
