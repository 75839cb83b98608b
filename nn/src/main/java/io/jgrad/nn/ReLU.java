package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * max(x, 0); the gradient at 0 is 0.
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.ReLU.html">torch.nn.ReLU</a>
 */
public class ReLU extends Module {

  @Override
  public Tensor forward(Tensor x) { return x.relu(); }

}
