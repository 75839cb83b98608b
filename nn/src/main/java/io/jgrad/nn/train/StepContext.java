package io.jgrad.nn.train;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Tensor;

/**
 * What a {@link TrainStep} sees of the Trainer for one batch. The batch is already on the
 * model's device and the step runs inside a {@code TensorScope} that closes its temporaries.
 */
public interface StepContext {
  Module model();

  Optimizer optimizer();

  /** The current training batch. */
  Batch batch();

  /** {@code model.call(x)}: the forward through the model's hooks. */
  Tensor forward(Tensor x);

  /**
   * The Trainer's objective on {@code batch} plus the penalties of its regularizers: the loss a
   * step differentiates. {@code batch} is usually {@link #batch()}, or a copy with perturbed
   * inputs (same targets, indices and fields).
   */
  Tensor loss(Tensor output, Batch batch);

  /**
   * Back-propagates {@code loss} into the parameters' {@code .grad()}, scaled by 1 / the number
   * of micro-batches in this accumulation group (1 without accumulation). Each batch starts from
   * zero gradients; under accumulation the Trainer keeps the sum of the group's earlier
   * micro-batches aside and adds it back before the optimizer step, so a step may call
   * {@link #zeroGrad()} between its passes without losing them.
   */
  void backward(Tensor loss);

  /** Zeroes every parameter's gradient in place (this micro-batch's only; see {@link #backward}). */
  void zeroGrad();

  /**
   * Ends the step: clips the gradients (when the Trainer clips), calls {@code optimizer.step()},
   * then every regularizer's {@code afterStep} and a per-step schedule. Under gradient
   * accumulation only the last micro-batch of a group performs it; {@link #isUpdateStep()} says
   * whether this one does.
   */
  void step();

  /** True when {@link #step()} will update the weights on this batch (always without accumulation). */
  boolean isUpdateStep();

  /** Optimizer steps taken so far in this fit (0 during the first step). */
  long stepCount();

  /** The current 1-based epoch. */
  int epoch();
}
