package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * exp(x_i) / sum_j exp(x_j) along dim (max subtracted for stability).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Softmax.html">torch.nn.Softmax</a>
 */
public class Softmax extends Module {
  private final int dim;

  public Softmax(int dim) { this.dim = dim; }

  @Override
  public Tensor forward(Tensor x) { return x.softmax(dim); }

  @Override
  protected String extraRepr() { return "dim=" + dim; }
}
