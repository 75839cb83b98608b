package io.jgrad.nn.train;

import io.jgrad.tensor.Tensor;

/**
 * One training step's strategy: how a batch turns into an optimizer update. The default,
 * {@link #STANDARD}, is forward, loss, backward, step. Procedures (SAM, AMP, AWP, VAT, gradient
 * penalties, ...) implement this interface to run two passes, perturb and restore the weights,
 * or take gradients with respect to the input; through {@link StepContext} they keep the
 * Trainer's objective, regularizers, clipping, gradient accumulation, schedules and callbacks,
 * and wrap any optimizer.
 *
 * <p>Contract: when {@code run} returns, the model's weights are the updated ones (any
 * perturbation restored exactly) and {@link StepContext#step()} has been called once. The
 * returned tensor is the loss of the step for logging and divergence checks (the clean loss of
 * the first pass for two-pass procedures).
 */
@FunctionalInterface
public interface TrainStep {
  Tensor run(StepContext ctx);

  /** Forward, objective plus regularizer penalties, backward, (clip) and step. */
  TrainStep STANDARD = ctx -> {
    Tensor out = ctx.forward(ctx.batch().x());
    Tensor loss = ctx.loss(out, ctx.batch());
    ctx.backward(loss);
    ctx.step();
    return loss;
  };
}
