package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.View;
import io.jgrad.tensor.spi.Window2d;

/** im2col, col2im and 2-D pooling on OpenCL. Owned by the kernels helper. */
final class ClConv {
  private final ClContext ctx;

  ClConv(ClContext ctx) { this.ctx = ctx; }

  void im2col(View x, Window2d w, View cols) {
    throw new UnsupportedOperationException("opencl: im2col not implemented yet");
  }

  void col2im(View cols, Window2d w, View x) {
    throw new UnsupportedOperationException("opencl: col2im not implemented yet");
  }

  void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    throw new UnsupportedOperationException("opencl: pool2d not implemented yet");
  }
}
