package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the conv ops. TODO(owner). */
final class ConvDerivatives {
  private ConvDerivatives() {}

  static void register(Map<String, Derivative> m) {
  }
}
