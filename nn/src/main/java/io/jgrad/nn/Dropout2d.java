package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Channel dropout ("Efficient Object Localization Using Convolutional Networks"), as
 * torch.nn.Dropout2d: in training each whole channel of [N, C, H, W] (or [C, H, W]) is zeroed
 * with probability p and the rest scaled by 1/(1-p); identity in eval. Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Dropout2d.html">torch.nn.Dropout2d</a>
 */
public class Dropout2d extends Module {
  private final double p;
  private final Generator g;

  public Dropout2d(double p) { this(p, Generator.defaultGenerator()); }

  public Dropout2d(double p, Generator g) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout2d: probability p must be in [0, 1], got " + p);
    this.p = p;
    this.g = g;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() != 3 && x.dim() != 4) {
      throw new IllegalArgumentException("Dropout2d: expected [N, C, H, W] or [C, H, W], got " + Arrays.toString(x.shape()));
    }
    if (!isTraining() || p == 0) return x;
    int[] shape = x.shape();
    for (int i = x.dim() - 2; i < x.dim(); i++) shape[i] = 1;
    return x.mul(Dropout.mask(g, p, x, shape));
  }

  @Override
  protected String extraRepr() { return "p=" + p; }
}
