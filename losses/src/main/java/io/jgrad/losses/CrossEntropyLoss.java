package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#crossEntropy(Tensor, Tensor, Tensor, int, Reduction, double)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, Losses.IGNORE_INDEX, Reduction.MEAN, 0).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.CrossEntropyLoss.html">torch.nn.CrossEntropyLoss</a>
 */
public record CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
  /** torch's defaults. */
  public CrossEntropyLoss() {
    this(null, Losses.IGNORE_INDEX, Reduction.MEAN, 0);
  }

  /** The loss of this batch; see {@link Losses#crossEntropy(Tensor, Tensor, Tensor, int, Reduction, double)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
  }
}
