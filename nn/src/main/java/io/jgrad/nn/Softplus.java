package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * log(1 + exp(beta * x)) / beta, linear (x) where beta * x > threshold (defaults 1, 20).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Softplus.html">torch.nn.Softplus</a>
 */
public class Softplus extends Module {
  private final double beta, threshold;

  public Softplus() { this(1, 20); }

  public Softplus(double beta, double threshold) {
    this.beta = beta;
    this.threshold = threshold;
  }

  @Override
  public Tensor forward(Tensor x) { return x.softplus(beta, threshold); }

  @Override
  protected String extraRepr() { return "beta=" + beta + ", threshold=" + threshold; }
}
