package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#gaussianNllLoss(Tensor, Tensor, Tensor, boolean, double, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (false, 1e-6, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GaussianNLLLoss.html">torch.nn.GaussianNLLLoss</a>
 */
public record GaussianNllLoss(boolean full, double eps, Reduction reduction) {
  /** torch's defaults. */
  public GaussianNllLoss() {
    this(false, 1e-6, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#gaussianNllLoss(Tensor, Tensor, Tensor, boolean, double, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target, Tensor var) {
    return Losses.gaussianNllLoss(input, target, var, full, eps, reduction);
  }
}
