package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#huberLoss(Tensor, Tensor, Reduction, double)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN, 1.0).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.HuberLoss.html">torch.nn.HuberLoss</a>
 */
public record HuberLoss(Reduction reduction, double delta) {
  /** torch's defaults. */
  public HuberLoss() {
    this(Reduction.MEAN, 1.0);
  }

  /** The loss of this batch; see {@link Losses#huberLoss(Tensor, Tensor, Reduction, double)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.huberLoss(input, target, reduction, delta);
  }
}
