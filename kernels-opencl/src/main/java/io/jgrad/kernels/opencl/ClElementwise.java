package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.UnaryOp;
import io.jgrad.tensor.spi.View;

/** Unary, binary and where kernels (unary.cl, binary.cl). */
final class ClElementwise {
  private final ClContext ctx;

  ClElementwise(ClContext ctx) { this.ctx = ctx; }

  void unary(UnaryOp op, View x, View out, double... args) {
    throw new UnsupportedOperationException("opencl: unary not implemented yet");
  }

  void binary(BinaryOp op, View a, View b, View out) {
    throw new UnsupportedOperationException("opencl: binary not implemented yet");
  }

  void where(View cond, View a, View b, View out) {
    throw new UnsupportedOperationException("opencl: where not implemented yet");
  }
}
