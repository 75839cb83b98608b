package io.jgrad.nn.train;

import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.Tensor;
import java.util.function.BiFunction;

/**
 * What a training step minimises: the scalar loss of a model's output on a batch. Unlike a plain
 * {@code (output, target)} function it sees the whole {@link Batch}: float or dense targets, the
 * sample indices (per-sample state such as ELR's target table) and named extra fields (group ids,
 * bag ids, propensities). A stateful objective is also a {@code Module}, so its buffers are
 * checkpointed with the model and moved to the model's device by the {@link Trainer}.
 *
 * <p>Lambdas: {@code Trainer.builder(model, opt, (out, y) -> ...)} and method references of
 * {@code (Tensor, Tensor)} losses are {@link TargetLoss}es; write an objective lambda with typed
 * parameters, {@code (Tensor out, Batch b) -> ...}, or assign it to an {@code Objective} first.
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
    return (TargetLoss) lossFn::apply;
  }

  /**
   * A loss of the output and the target alone, {@code (output, y) -> loss}: an {@link Objective}
   * and a {@link BiFunction} at once, so a {@code (Tensor, Tensor)} method reference or lambda
   * selects it among the {@code Trainer.builder} overloads without ambiguity.
   */
  @FunctionalInterface
  interface TargetLoss extends Objective, BiFunction<Tensor, Tensor, Tensor> {
    @Override
    default Tensor loss(Tensor output, Batch batch) { return apply(output, batch.y()); }
  }
}
