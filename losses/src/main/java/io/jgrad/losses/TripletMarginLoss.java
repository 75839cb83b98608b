package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#tripletMarginLoss(Tensor, Tensor, Tensor, double, double, double, boolean, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (1.0, 2.0, 1e-6, false, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TripletMarginLoss.html">torch.nn.TripletMarginLoss</a>
 */
public record TripletMarginLoss(double margin, double p, double eps, boolean swap, Reduction reduction) {
  /** torch's defaults. */
  public TripletMarginLoss() {
    this(1.0, 2.0, 1e-6, false, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#tripletMarginLoss(Tensor, Tensor, Tensor, double, double, double, boolean, Reduction)}. */
  public Tensor apply(Tensor anchor, Tensor positive, Tensor negative) {
    return Losses.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction);
  }
}
