package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#multiMarginLoss(Tensor, Tensor, int, double, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (1, 1.0, null, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiMarginLoss.html">torch.nn.MultiMarginLoss</a>
 */
public record MultiMarginLoss(int p, double margin, Tensor weight, Reduction reduction) {
  /** torch's defaults. */
  public MultiMarginLoss() {
    this(1, 1.0, null, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#multiMarginLoss(Tensor, Tensor, int, double, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.multiMarginLoss(input, target, p, margin, weight, reduction);
  }
}
