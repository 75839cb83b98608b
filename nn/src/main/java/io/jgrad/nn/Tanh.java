package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * tanh(x).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Tanh.html">torch.nn.Tanh</a>
 */
public class Tanh extends Module {

  @Override
  public Tensor forward(Tensor x) { return x.tanh(); }

}
