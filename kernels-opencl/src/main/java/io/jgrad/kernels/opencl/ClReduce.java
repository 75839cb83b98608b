package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.ReduceOp;
import io.jgrad.tensor.spi.View;

/** Reductions over any set of axes and arg-reductions (reduce.cl). */
final class ClReduce {
  private final ClContext ctx;

  ClReduce(ClContext ctx) { this.ctx = ctx; }

  void reduce(ReduceOp op, View x, int[] axes, View out) {
    throw new UnsupportedOperationException("opencl: reduce not implemented yet");
  }

  void argReduce(ReduceOp op, View x, int axis, View values, View indices) {
    throw new UnsupportedOperationException("opencl: argReduce not implemented yet");
  }
}
