package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.Buffer;
import io.jgrad.tensor.spi.ScatterMode;
import io.jgrad.tensor.spi.View;

/** gather, scatter and nonzero on OpenCL. Owned by the kernels helper. */
final class ClIndexing {
  private final ClContext ctx;

  ClIndexing(ClContext ctx) { this.ctx = ctx; }

  void gather(View x, int axis, View index, View out) {
    throw new UnsupportedOperationException("opencl: gather not implemented yet");
  }

  void scatter(ScatterMode mode, View src, int axis, View index, View target) {
    throw new UnsupportedOperationException("opencl: scatter not implemented yet");
  }

  Buffer nonzero(View x) {
    throw new UnsupportedOperationException("opencl: nonzero not implemented yet");
  }
}
