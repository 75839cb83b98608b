package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Thin wrapper over {@link Losses#cosineEmbeddingLoss(Tensor, Tensor, Tensor, double, Reduction)}, holding torch's constructor arguments.
 * The no-argument constructor uses torch's defaults (0.0, Reduction.MEAN).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.CosineEmbeddingLoss.html">torch.nn.CosineEmbeddingLoss</a>
 */
public record CosineEmbeddingLoss(double margin, Reduction reduction) {
  /** torch's defaults. */
  public CosineEmbeddingLoss() {
    this(0.0, Reduction.MEAN);
  }

  /** The loss of this batch; see {@link Losses#cosineEmbeddingLoss(Tensor, Tensor, Tensor, double, Reduction)}. */
  public Tensor apply(Tensor input1, Tensor input2, Tensor target) {
    return Losses.cosineEmbeddingLoss(input1, input2, target, margin, reduction);
  }
}
