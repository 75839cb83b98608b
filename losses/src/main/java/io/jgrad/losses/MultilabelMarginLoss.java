package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#multilabelMarginLoss(Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiLabelMarginLoss.html">torch.nn.MultiLabelMarginLoss</a>
 */
public record MultilabelMarginLoss(Reduction reduction) {
  /** torch's defaults. */
  public MultilabelMarginLoss() {
    this(Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#multilabelMarginLoss(Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.multilabelMarginLoss(input, target, reduction);
  }
}
