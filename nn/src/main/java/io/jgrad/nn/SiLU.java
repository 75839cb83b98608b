package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * x * sigmoid(x).
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.SiLU.html">torch.nn.SiLU</a>
 */
public class SiLU extends Module {

  @Override
  public Tensor forward(Tensor x) { return x.silu(); }

}
