/**
 * Losses as pure functions of tensors, with PyTorch 1.13's names, arguments and semantics.
 *
 * <p>{@link io.jgrad.losses.Losses} is the functional core ({@code torch.nn.functional}); the
 * maths lives in package-private family classes (classification, regression, margin) and
 * {@link io.jgrad.losses.CtcLoss}. Each loss has a thin wrapper record with torch's defaults
 * ({@code new CrossEntropyLoss().apply(logits, labels)}). {@link io.jgrad.losses.Reduction} is
 * NONE, MEAN or SUM; KL divergence's 'batchmean' is {@code Losses.klDivBatchMean}. Every loss is
 * composed from differentiable tensor ops, so {@code loss.backward()} works through autograd;
 * values and gradients are checked against PyTorch by {@code tools/golden/gen_losses.py}.
 */
package io.jgrad.losses;
