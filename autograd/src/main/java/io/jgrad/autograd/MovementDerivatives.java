package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the movement ops. TODO(owner). */
final class MovementDerivatives {
  private MovementDerivatives() {}

  static void register(Map<String, Derivative> m) {
  }
}
