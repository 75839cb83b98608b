package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#nllLoss(Tensor, Tensor, Tensor, int, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, Losses.IGNORE_INDEX, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.NLLLoss.html">torch.nn.NLLLoss</a>
 */
public record NllLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
  /** torch's defaults. */
  public NllLoss() {
    this(null, Losses.IGNORE_INDEX, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#nllLoss(Tensor, Tensor, Tensor, int, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.nllLoss(input, target, weight, ignoreIndex, reduction);
  }
}
