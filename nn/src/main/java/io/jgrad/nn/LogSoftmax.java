package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * x_i - logsumexp_j(x_j) along dim.
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LogSoftmax.html">torch.nn.LogSoftmax</a>
 */
public class LogSoftmax extends Module {
  private final int dim;

  public LogSoftmax(int dim) { this.dim = dim; }

  @Override
  public Tensor forward(Tensor x) { return x.logSoftmax(dim); }

  @Override
  protected String extraRepr() { return "dim=" + dim; }
}
