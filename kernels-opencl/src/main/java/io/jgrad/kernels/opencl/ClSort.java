package io.jgrad.kernels.opencl;

import io.jgrad.tensor.spi.View;

/** Stable sort along one axis on OpenCL. Owned by the kernels helper. */
final class ClSort {
  private final ClContext ctx;

  ClSort(ClContext ctx) { this.ctx = ctx; }

  void sort(View x, int axis, boolean descending, View values, View indices) {
    throw new UnsupportedOperationException("opencl: sort not implemented yet");
  }
}
