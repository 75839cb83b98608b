package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the linalg ops. TODO(owner). */
final class LinalgDerivatives {
  private LinalgDerivatives() {}

  static void register(Map<String, Derivative> m) {
  }
}
