package io.jgrad.losses;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Tensor;

/**
 * Flooding: {@code |L - b| + b} for a flood level {@code b >= 0}, applied to the mini-batch
 * loss L of a base objective (Ishida et al. 2020, "Do We Need Zero Training Loss After
 * Achieving Zero Training Error?"). Below the flood level the gradient changes sign, so the
 * step ascends and the training loss hovers around b instead of going to zero. Catalog paper
 * 62, "Understanding Gradient Regularization in Deep Learning: Efficient Finite-Difference
 * Computation and Implicit Bias", shows that flooding performs finite-difference gradient
 * regularization implicitly. Applied to the batch mean, not per example (per-example flooding
 * is a different method). At L = b the gradient is 0 (sign(0) = 0, as torch's abs).
 * Shape: the base objective's; output [].
 */
public record FloodingLoss(Objective base, double b) implements Objective {
  public static final String ID = "flooding_loss";

  public FloodingLoss {
    if (base == null) throw new IllegalArgumentException(ID + ": base objective is null");
    if (!(b >= 0) || Double.isInfinite(b)) throw new IllegalArgumentException(ID + ": b must be finite and >= 0, got " + b);
  }

  /** Flooded cross entropy. */
  public static FloodingLoss crossEntropy(double b) { return new FloodingLoss(Objective.of(Losses::crossEntropy), b); }

  /** {@code |loss - b| + b} for an already reduced (scalar) loss. */
  public static Tensor flood(Tensor loss, double b) {
    if (loss.numel() != 1) {
      throw new IllegalArgumentException(ID + ": flooding applies to the batch loss, a scalar, got shape "
          + java.util.Arrays.toString(loss.shape()));
    }
    return loss.sub(b).abs().add(b);
  }

  @Override
  public Tensor loss(Tensor output, Batch batch) { return flood(base.loss(output, batch), b); }
}
