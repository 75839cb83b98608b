package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * 1 / (1 + exp(-x)).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Sigmoid.html">torch.nn.Sigmoid</a>
 */
public class Sigmoid extends Module {

  @Override
  public Tensor forward(Tensor x) { return x.sigmoid(); }

}
