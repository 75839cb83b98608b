package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the reduction ops. TODO(owner). */
final class ReductionDerivatives {
  private ReductionDerivatives() {}

  static void register(Map<String, Derivative> m) {
  }
}
