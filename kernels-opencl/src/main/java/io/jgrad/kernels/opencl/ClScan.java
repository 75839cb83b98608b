package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.ScanOp;
import io.jgrad.tensor.spi.View;

/** Scans and softmax along one axis (scan.cl, softmax.cl). */
final class ClScan {
  private final ClContext ctx;

  ClScan(ClContext ctx) { this.ctx = ctx; }

  void scan(ScanOp op, View x, int axis, View out) {
    throw new UnsupportedOperationException("opencl: scan not implemented yet");
  }

  void softmax(View x, int axis, boolean log, View out) {
    throw new UnsupportedOperationException("opencl: softmax not implemented yet");
  }
}
