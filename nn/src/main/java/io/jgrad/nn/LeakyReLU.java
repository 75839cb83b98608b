package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * x for x >= 0, negativeSlope * x otherwise (default slope 0.01).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LeakyReLU.html">torch.nn.LeakyReLU</a>
 */
public class LeakyReLU extends Module {
  private final double negativeSlope;

  public LeakyReLU() { this(0.01); }

  public LeakyReLU(double negativeSlope) { this.negativeSlope = negativeSlope; }

  @Override
  public Tensor forward(Tensor x) { return x.leakyRelu(negativeSlope); }

  @Override
  protected String extraRepr() { return "negativeSlope=" + negativeSlope; }
}
