/**
 * Reverse-mode automatic differentiation on jgrad tensors.
 *
 * <p>Define-by-run: {@code x.requiresGrad(true)}; every differentiable {@code Tensor} op on it
 * is recorded by {@link io.jgrad.autograd.Engine} as a node holding the derivative from
 * {@link io.jgrad.autograd.Derivatives}; {@code loss.backward()} accumulates into the leaves'
 * {@code grad()}, {@link io.jgrad.autograd.Autograd#grad} returns gradients instead (with
 * {@code createGraph} they are differentiable: gradient penalties, {@link
 * io.jgrad.autograd.Autograd#hvp}). Saved tensors are dropped after backward unless the graph
 * is retained; in-place changes to saved tensors are caught by a version counter.
 * {@link io.jgrad.autograd.Autograd#function} defines an op with its own backward (one node);
 * {@link io.jgrad.autograd.StraightThrough} builds straight-through estimators on it.
 * {@link io.jgrad.autograd.Hooks}, {@link io.jgrad.autograd.Anomaly} and {@link
 * io.jgrad.autograd.GradCheck} help debug gradients.
 *
 * <p>Memory in loops: a leaf's {@code grad()} is allocated outside any {@code TensorScope}
 * (it lives across steps, so gradients can accumulate); clear it with {@code setGrad(null)}
 * (or close it) when it is used up.
 */
package io.jgrad.autograd;
