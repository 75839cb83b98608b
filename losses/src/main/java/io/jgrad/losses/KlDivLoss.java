package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#klDiv(Tensor, Tensor, Reduction, boolean)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN, false).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.KLDivLoss.html">torch.nn.KLDivLoss</a>
 */
public record KlDivLoss(Reduction reduction, boolean logTarget) {
  /** torch's defaults. */
  public KlDivLoss() {
    this(Reduction.MEAN, false);
  }

  /** The loss of this batch; see {@link Losses#klDiv(Tensor, Tensor, Reduction, boolean)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.klDiv(input, target, reduction, logTarget);
  }
}
