package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#multilabelSoftMarginLoss(Tensor, Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiLabelSoftMarginLoss.html">torch.nn.MultiLabelSoftMarginLoss</a>
 */
public record MultilabelSoftMarginLoss(Tensor weight, Reduction reduction) {
  /** torch's defaults. */
  public MultilabelSoftMarginLoss() {
    this(null, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#multilabelSoftMarginLoss(Tensor, Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.multilabelSoftMarginLoss(input, target, weight, reduction);
  }
}
