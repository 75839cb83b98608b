package io.jgrad.autograd;

import java.util.Map;

/** Derivatives of the matrix decompositions and solvers (svd, eigh, qr, cholesky, solve, ...). */
final class DecompositionDerivatives {
  private DecompositionDerivatives() {}

  static void register(Map<String, Derivative> table) {}
}
