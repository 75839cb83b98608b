package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * CP-Flow's {@code PosLinear}: {@code y = (x softplus(W)^T + b) / in} (non-negative weights keep
 * the network convex in its input; the gain 1/in multiplies the bias too, as the reference).
 */
final class IcnnPositiveLinear extends Module {
  private final Tensor weight;
  private final Tensor bias;
  private final int in;

  IcnnPositiveLinear(int in, int out, boolean bias, Generator g) {
    this.in = in;
    Linear init = new Linear(in, out, bias, g);
    weight = registerParameter("weight", init.parameters().get(0));
    this.bias = bias ? registerParameter("bias", init.parameters().get(1)) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    Tensor y = x.matmul(weight.softplus().t());
    if (bias != null) y = y.add(bias);
    return y.mul(1.0 / in);
  }
}
