package io.jgrad.nn.train;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Tensor;

/**
 * A term added to the objective of every training step, and/or an action after every optimizer
 * step. {@link #penalty} returns the weighted penalty (its coefficient already applied) that the
 * step adds to the loss; {@link #afterStep} runs after {@code optimizer.step()} for regularizers
 * that act on the weights directly (proximal steps, pruning masks, sensitivity decay), so they
 * compose with every optimizer. A regularizer with state is also a {@code Module}.
 */
public interface Regularizer {
  /**
   * The penalty for this step, already multiplied by its coefficient, or null when this
   * regularizer adds nothing to the loss. {@code output} is the model's output on
   * {@code batch.x()} (for penalties on outputs or inputs); weight penalties ignore both.
   */
  default Tensor penalty(Module model, Batch batch, Tensor output) { return null; }

  /** Called after each optimizer step, with gradients disabled; the default does nothing. */
  default void afterStep(Module model, Optimizer optimizer) {}
}
