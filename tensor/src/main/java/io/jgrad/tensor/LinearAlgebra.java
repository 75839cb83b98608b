package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class LinearAlgebra {
  private LinearAlgebra() {}

  static Tensor matmul(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor bmm(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor mm(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor outer(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor dot(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor einsum(String equation, Tensor[] operands) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }

  static Tensor cdist(Tensor x1, Tensor x2, double p) {
    throw new UnsupportedOperationException("LinearAlgebra not implemented yet");
  }
}
