package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the indexing ops. TODO(owner). */
final class IndexingDerivatives {
  private IndexingDerivatives() {}

  static void register(Map<String, Derivative> m) {
  }
}
