package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Joining {
  private Joining() {}

  static Tensor cat(List<Tensor> tensors, int dim) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor stack(List<Tensor> tensors, int dim) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static List<Tensor> split(Tensor x, int splitSize, int dim) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor pad(Tensor x, int[] pad, PadMode mode, double value) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor flip(Tensor x, int[] dims) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor roll(Tensor x, int[] shifts, int[] dims) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor repeat(Tensor x, int[] repeats) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor tril(Tensor x, int diagonal) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }

  static Tensor triu(Tensor x, int diagonal) {
    throw new UnsupportedOperationException("Joining not implemented yet");
  }
}
