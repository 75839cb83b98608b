package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#l1Loss(Tensor, Tensor, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.L1Loss.html">torch.nn.L1Loss</a>
 */
public record L1Loss(Reduction reduction) {
  /** torch's defaults. */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#l1Loss(Tensor, Tensor, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.l1Loss(input, target, reduction);
  }
}
