/**
 * Training procedures of the research catalog: {@link io.jgrad.nn.train.TrainStep}s that take
 * two passes (SAM, AMP, AWP, the finite-difference gradient regularizer), differentiate through
 * a gradient (the gradient-norm penalty) or constrain the weights after the step (LAWN). Each
 * wraps any optimizer through the {@link io.jgrad.nn.train.StepContext}, so the Trainer's
 * objective, regularizers, clipping, schedules and gradient accumulation keep working.
 *
 * <p>Shared rules: perturbed weights are restored from saved copies (bit-identical, never by
 * subtracting the perturbation back); BatchNorm running statistics are updated by the first
 * (clean) pass only ({@link io.jgrad.nn.BatchNorm#freezeStats}); under gradient
 * accumulation every micro-batch runs the whole procedure on its own data (the "m-sharpness"
 * reading of SAM) and adds its final gradient, scaled as the Trainer scales it, to the
 * gradients of the earlier micro-batches.
 */
package io.jgrad.losses.procedure;
