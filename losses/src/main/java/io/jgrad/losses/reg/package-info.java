/**
 * Regularizers of the research catalog, each an {@link io.jgrad.nn.train.Regularizer} that a
 * training step adds to its objective, and each also a plain function of tensors:
 * <ul>
 *   <li>penalties on the model's outputs (entropy minimisation, spectral decoupling) and on its
 *       weights (nuclear norm, spectral, orthogonality, hyperspherical energy, sparsity, ...),
 *       selected by {@link io.jgrad.losses.reg.ParamSelector}; those that act after the optimizer
 *       step (proximal steps, LOBSTER, pruning masks) do so in {@code afterStep};</li>
 *   <li>penalties that need the input (VAT, ELLE, the Jacobian penalties, the functional Fisher
 *       information) or an adversary (ARoW, AWR, the smooth adversarial comp-sum term): their
 *       {@code penalty(model, batch, output)} reads {@code batch.x()} and runs the extra passes it
 *       needs on the model; extra passes do not move BatchNorm running statistics. Random draws
 *       come from the regularizer's own seeded {@link io.jgrad.tensor.Generator}; each also has a
 *       method taking the random tensors explicitly, which the golden tests use to feed the
 *       reference the same draws.</li>
 * </ul>
 */
package io.jgrad.losses.reg;
