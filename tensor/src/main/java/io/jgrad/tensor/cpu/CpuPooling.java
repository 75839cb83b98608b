package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuPooling {
  private CpuPooling() {}

  static void pool2d(PoolMode mode, View x, Window2d w, View out, View indices) {
    throw new UnsupportedOperationException("CpuPooling not implemented yet");
  }
}
