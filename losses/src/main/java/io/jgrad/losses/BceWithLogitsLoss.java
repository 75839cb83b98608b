package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, null, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.BCEWithLogitsLoss.html">torch.nn.BCEWithLogitsLoss</a>
 */
public record BceWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
  /** torch's defaults. */
  public BceWithLogitsLoss() {
    this(null, null, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#binaryCrossEntropyWithLogits(Tensor, Tensor, Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction);
  }
}
