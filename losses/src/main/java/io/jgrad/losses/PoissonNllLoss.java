package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#poissonNllLoss(Tensor, Tensor, boolean, boolean, double, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (true, false, 1e-8, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.PoissonNLLLoss.html">torch.nn.PoissonNLLLoss</a>
 */
public record PoissonNllLoss(boolean logInput, boolean full, double eps, Reduction reduction) {
  /** torch's defaults. */
  public PoissonNllLoss() {
    this(true, false, 1e-8, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#poissonNllLoss(Tensor, Tensor, boolean, boolean, double, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.poissonNllLoss(input, target, logInput, full, eps, reduction);
  }
}
