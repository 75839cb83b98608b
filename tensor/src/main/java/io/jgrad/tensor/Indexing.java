package io.jgrad.tensor;

import io.jgrad.tensor.spi.*;
import java.util.List;

/** TODO(owner): ops. */
final class Indexing {
  private Indexing() {}

  static Tensor maskedFillInPlace(Tensor self, Tensor mask, double value) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor gather(Tensor x, int dim, Tensor index) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor scatter(Tensor x, int dim, Tensor index, Tensor src, boolean add) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor scatter(Tensor x, int dim, Tensor index, double value) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor indexAdd(Tensor x, int dim, Tensor index, Tensor source, double alpha) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor maskedFill(Tensor x, Tensor mask, double value) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor maskedSelect(Tensor x, Tensor mask) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor take(Tensor x, Tensor index) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor nonzero(Tensor x) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }

  static Tensor oneHot(Tensor x, int numClasses) {
    throw new UnsupportedOperationException("Indexing not implemented yet");
  }
}
