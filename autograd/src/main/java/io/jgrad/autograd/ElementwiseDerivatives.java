package io.jgrad.autograd;

import java.util.Map;

/**
 * Derivatives of the elementwise ops: the unary math functions and activations
 * ({@link UnaryDerivatives}) and the binary arithmetic, comparison-selected and where ops
 * ({@link BinaryDerivatives}). Conventions at kinks follow PyTorch 1.13 and are documented on
 * each entry.
 */
final class ElementwiseDerivatives {
  private ElementwiseDerivatives() {}

  static void register(Map<String, Derivative> m) {
    UnaryDerivatives.register(m);
    BinaryDerivatives.register(m);
  }
}
