package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gradient catalogue: op name (as recorded by the tensor module) to its derivative. Each
 * family registers its ops from its own file. {@link #names()} is what the coverage test
 * compares with the ops the tensor module records.
 */
public final class Derivatives {
  private static final Map<String, Derivative> TABLE = new HashMap<>();

  static {
    MovementDerivatives.register(TABLE);
    ElementwiseDerivatives.register(TABLE);
    ReductionDerivatives.register(TABLE);
    IndexingDerivatives.register(TABLE);
    LinalgDerivatives.register(TABLE);
    ConvDerivatives.register(TABLE);
    DecompositionDerivatives.register(TABLE);
    SpectralDerivatives.register(TABLE);
  }

  private Derivatives() {}

  static Derivative get(String op) { return TABLE.get(op); }

  /** Every op with a registered derivative. */
  public static Set<String> names() { return Collections.unmodifiableSet(TABLE.keySet()); }

  /**
   * Sums a broadcast gradient back to {@code shape} (the inverse of broadcasting): leading
   * extra dims are summed away, dims of size 1 in {@code shape} are summed with keepDim.
   */
  public static Tensor sumToShape(Tensor grad, int[] shape) {
    int[] g = grad.shape();
    if (java.util.Arrays.equals(g, shape)) return grad;
    int lead = g.length - shape.length;
    int n = 0;
    int[] dims = new int[g.length];
    for (int d = 0; d < g.length; d++) {
      if (d < lead || (shape[d - lead] == 1 && g[d] != 1)) dims[n++] = d;
    }
    Tensor r = n == 0 ? grad : grad.sum(java.util.Arrays.copyOf(dims, n), true);
    return r.reshape(shape);
  }
}
