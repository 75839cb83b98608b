package io.jgrad.losses.reg;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * Entropy minimisation as a regularizer, catalog id {@code entropy_min_loss}: adds
 * {@code lambda * H(softmax(output))} ({@link OutputPenalties#entropy}) to each step's loss.
 * The VAT paper adds it with weight 1 (lambda = 1).
 */
public record EntropyMinimization(double lambda) implements Regularizer {
  public EntropyMinimization {
    if (!Double.isFinite(lambda)) throw new IllegalArgumentException("entropy_min_loss: lambda must be finite, got " + lambda);
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    return OutputPenalties.entropy(output).mul(lambda);
  }
}
