package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.RandomOp;
import io.jgrad.tensor.spi.View;

/** Counter-based random fills on OpenCL. Owned by the kernels helper. */
final class ClRandom {
  private final ClContext ctx;

  ClRandom(ClContext ctx) { this.ctx = ctx; }

  void random(RandomOp op, View out, long seed, long offset, double a, double b) {
    throw new UnsupportedOperationException("opencl: random not implemented yet");
  }
}
