package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.BCELoss.html">torch.nn.BCELoss</a>
 */
public record BceLoss(Tensor weight, Reduction reduction) {
  /** torch's defaults. */
  public BceLoss() {
    this(null, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#binaryCrossEntropy(Tensor, Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.binaryCrossEntropy(input, target, weight, reduction);
  }
}
