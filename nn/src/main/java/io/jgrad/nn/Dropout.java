package io.jgrad.nn;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * Inverted dropout ("Dropout: A Simple Way to Prevent Neural Networks from Overfitting"), as
 * torch.nn.Dropout: in training each element is zeroed with probability p and the rest scaled by
 * 1/(1-p), so the expectation is unchanged; identity in eval mode. Shape: any -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Dropout.html">torch.nn.Dropout</a>
 */
public class Dropout extends Module {
  private final double p;
  private final Generator g;

  public Dropout(double p) { this(p, Generator.defaultGenerator()); }

  public Dropout(double p, Generator g) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("Dropout: probability p must be in [0, 1], got " + p);
    this.p = p;
    this.g = g;
  }

  public double p() { return p; }

  /** The kept-and-scaled mask of the given shape: 0 with probability p, 1/(1-p) otherwise. */
  static Tensor mask(Generator g, double p, Tensor like, int[] shape) {
    if (p == 1) return Tensor.full(shape, 0, like.dtype(), like.device());
    Tensor keep = Tensor.bernoulli(g, Tensor.full(shape, 1 - p, like.dtype(), like.device()));
    return keep.mul(1 / (1 - p));
  }

  @Override
  public Tensor forward(Tensor x) {
    if (!isTraining() || p == 0) return x;
    return x.mul(mask(g, p, x, x.shape()));
  }

  @Override
  protected String extraRepr() { return "p=" + p; }
}
