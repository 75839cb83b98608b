package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Convolution {
  private Convolution() {}

  static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding, int groups, int[] dilation) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static ValuesIndices maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }

  static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
    throw new UnsupportedOperationException("Convolution not implemented yet");
  }
}
