package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#hingeEmbeddingLoss(Tensor, Tensor, double, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (1.0, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.HingeEmbeddingLoss.html">torch.nn.HingeEmbeddingLoss</a>
 */
public record HingeEmbeddingLoss(double margin, Reduction reduction) {
  /** torch's defaults. */
  public HingeEmbeddingLoss() {
    this(1.0, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#hingeEmbeddingLoss(Tensor, Tensor, double, Reduction)}. */
  public Tensor apply(Tensor input, Tensor target) {
    return Losses.hingeEmbeddingLoss(input, target, margin, reduction);
  }
}
