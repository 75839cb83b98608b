package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Reductions {
  private Reductions() {}

  static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor prod(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor max(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor min(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static ValuesIndices maxWithIndices(Tensor x, int dim, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static ValuesIndices minWithIndices(Tensor x, int dim, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor argmax(Tensor x) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor argmin(Tensor x) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor std(Tensor x, int[] dims, int correction, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor norm(Tensor x, double p, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor logSumExp(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor all(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor any(Tensor x, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor countNonzero(Tensor x, int[] dims) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor cumsum(Tensor x, int dim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor cumprod(Tensor x, int dim) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }

  static Tensor softmax(Tensor x, int dim, boolean log) {
    throw new UnsupportedOperationException("Reductions not implemented yet");
  }
}
