package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.function.BinaryOperator;

/**
 * Thin wrapper over {@link Losses#tripletMarginWithDistanceLoss(Tensor, Tensor, Tensor, BinaryOperator, double, boolean, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (null, 1.0, false, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TripletMarginWithDistanceLoss.html">torch.nn.TripletMarginWithDistanceLoss</a>
 */
public record TripletMarginWithDistanceLoss(BinaryOperator<Tensor> distanceFunction, double margin, boolean swap, Reduction reduction) {
  /** torch's defaults. */
  public TripletMarginWithDistanceLoss() {
    this(null, 1.0, false, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#tripletMarginWithDistanceLoss(Tensor, Tensor, Tensor, BinaryOperator, double, boolean, Reduction)}. */
  public Tensor apply(Tensor anchor, Tensor positive, Tensor negative) {
    return Losses.tripletMarginWithDistanceLoss(anchor, positive, negative, distanceFunction, margin, swap, reduction);
  }
}
