package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.View;

/** Batched matmul on OpenCL (matmul.cl). Owned by the kernels helper. */
final class ClMatmul {
  private final ClContext ctx;

  ClMatmul(ClContext ctx) { this.ctx = ctx; }

  void matmul(View a, View bm, View out) {
    throw new UnsupportedOperationException("opencl: matmul not implemented yet");
  }
}
