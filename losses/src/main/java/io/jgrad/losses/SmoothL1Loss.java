package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#smoothL1Loss(Tensor, Tensor, Reduction, double)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN, 1.0).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.SmoothL1Loss.html">torch.nn.SmoothL1Loss</a>
 */
public record SmoothL1Loss(Reduction reduction, double beta) {
  /** torch's defaults. */
  public SmoothL1Loss() {
    this(Reduction.MEAN, 1.0);
  }

  /** The loss of this batch; see {@link Losses#smoothL1Loss(Tensor, Tensor, Reduction, double)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.smoothL1Loss(input, target, reduction, beta);
  }
}
