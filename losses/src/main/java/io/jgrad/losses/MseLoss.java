package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#mseLoss(Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MSELoss.html">torch.nn.MSELoss</a>
 */
public record MseLoss(Reduction reduction) {
  /** torch's defaults. */
  public MseLoss() {
    this(Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#mseLoss(Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.mseLoss(input, target, reduction);
  }
}
