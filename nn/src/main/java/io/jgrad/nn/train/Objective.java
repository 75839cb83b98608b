package io.jgrad.nn.train;

import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.Tensor;
import java.util.function.BiFunction;

/**
 * What a training step minimises: the scalar loss of a model's output on a batch. Unlike a plain
 * {@code (output, target)} function it sees the whole {@link Batch}: float or dense targets, the
 * sample indices (per-sample state such as ELR's target table) and named extra fields (group ids,
 * bag ids, propensities). A stateful objective is also a {@code Module}, so its buffers are
 * checkpointed with the model.
 */
@FunctionalInterface
public interface Objective {
  /**
   * The scalar loss of {@code output} (the model's output for {@code batch.x()}) on {@code batch}.
   * Called with gradients enabled during training and disabled during evaluation.
   */
  Tensor loss(Tensor output, Batch batch);

  /** An objective that only needs the target: {@code lossFn.apply(output, batch.y())}. */
  static Objective of(BiFunction<Tensor, Tensor, Tensor> lossFn) {
    if (lossFn == null) throw new IllegalArgumentException("Objective.of: lossFn is null");
    return (output, batch) -> lossFn.apply(output, batch.y());
  }
}
