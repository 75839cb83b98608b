package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#softMarginLoss(Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.SoftMarginLoss.html">torch.nn.SoftMarginLoss</a>
 */
public record SoftMarginLoss(Reduction reduction) {
  /** torch's defaults. */
  public SoftMarginLoss() {
    this(Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#softMarginLoss(Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.softMarginLoss(input, target, reduction);
  }
}
