package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * x * Phi(x) (exact, with erf), or the tanh approximation when built with approximate = true.
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GELU.html">torch.nn.GELU</a>
 */
public class GELU extends Module {
  private final boolean approximate;

  public GELU() { this(false); }

  /** approximate: torch's approximate='tanh'. */
  public GELU(boolean approximate) { this.approximate = approximate; }

  @Override
  public Tensor forward(Tensor x) { return x.gelu(approximate); }

  @Override
  protected String extraRepr() { return approximate ? "approximate=tanh" : ""; }
}
