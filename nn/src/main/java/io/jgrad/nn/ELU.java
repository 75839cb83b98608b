package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * x for x > 0, alpha * (exp(x) - 1) otherwise (default alpha 1).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.ELU.html">torch.nn.ELU</a>
 */
public class ELU extends Module {
  private final double alpha;

  public ELU() { this(1.0); }

  public ELU(double alpha) { this.alpha = alpha; }

  @Override
  public Tensor forward(Tensor x) { return x.elu(alpha); }

  @Override
  protected String extraRepr() { return "alpha=" + alpha; }
}
