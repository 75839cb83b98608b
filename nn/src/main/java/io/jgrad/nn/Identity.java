package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Returns its input unchanged.
 * Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Identity.html">torch.nn.Identity</a>
 */
public class Identity extends Module {

  @Override
  public Tensor forward(Tensor x) { return x; }

}
