package io.jgrad.tensor.cpu;

import io.jgrad.tensor.spi.*;

/** TODO(owner): kernels. */
final class CpuScan {
  private CpuScan() {}

  static void scan(ScanOp op, View x, int axis, View out) {
    throw new UnsupportedOperationException("CpuScan not implemented yet");
  }
}
