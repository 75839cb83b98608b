package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Flattens dims startDim..endDim into one (defaults 1 and -1, keeping the batch dimension).
 * Shape: [N, *] -> [N, prod(*)].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Flatten.html">torch.nn.Flatten</a>
 */
public class Flatten extends Module {
  private final int startDim, endDim;

  public Flatten() { this(1, -1); }

  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor x) { return x.flatten(startDim, endDim); }

  @Override
  protected String extraRepr() { return "startDim=" + startDim + ", endDim=" + endDim; }
}
