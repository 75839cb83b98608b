package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuConv {
  private CpuConv() {}

  static void im2col(View x, Window2d w, View cols) {
    throw new UnsupportedOperationException("CpuConv not implemented yet");
  }

  static void col2im(View cols, Window2d w, View x) {
    throw new UnsupportedOperationException("CpuConv not implemented yet");
  }
}
