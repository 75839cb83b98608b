package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Sorting {
  private Sorting() {}

  static ValuesIndices sort(Tensor x, int dim, boolean descending) {
    throw new UnsupportedOperationException("Sorting not implemented yet");
  }

  static ValuesIndices topk(Tensor x, int k, int dim, boolean largest, boolean sorted) {
    throw new UnsupportedOperationException("Sorting not implemented yet");
  }

  static ValuesIndices kthvalue(Tensor x, int k, int dim, boolean keepDim) {
    throw new UnsupportedOperationException("Sorting not implemented yet");
  }

  static Tensor median(Tensor x) {
    throw new UnsupportedOperationException("Sorting not implemented yet");
  }

  static ValuesIndices median(Tensor x, int dim, boolean keepDim) {
    throw new UnsupportedOperationException("Sorting not implemented yet");
  }
}
