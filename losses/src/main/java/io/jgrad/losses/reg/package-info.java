/**
<<<<<<< HEAD
 * Regularizers of the research catalog that need more than the model's output: the input
 * (input-gradient and input-perturbation penalties: VAT, ELLE, the Jacobian penalties, the
 * functional Fisher information) or an adversary (ARoW, AWR, the smooth adversarial comp-sum
 * term). Each is an {@link io.jgrad.nn.train.Regularizer} whose {@code penalty(model, batch,
 * output)} reads {@code batch.x()} and runs the extra passes it needs on the model; extra passes
 * do not move BatchNorm running statistics. Random draws come from the regularizer's own seeded
 * {@link io.jgrad.tensor.Generator}; each also has a method taking the random tensors
 * explicitly, which the golden tests use to feed the reference the same draws.
=======
 * Regularizers of the research catalog: penalties on the model's outputs or weights that a
 * training step adds to its objective ({@link io.jgrad.nn.train.Regularizer}), each also a plain
 * function of tensors.
>>>>>>> main
 */
package io.jgrad.losses.reg;
