package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * The backward of a custom function ({@link Autograd#function}): given the gradient of the output,
 * one gradient per input, each of its input's shape, or null for an input that gets none (an
 * input that needs no gradient, see {@link FunctionCtx#needsGrad}, or one the output does not
 * depend on). Written with Tensor ops, so that under {@code createGraph} the result is itself
 * differentiable (double backward, Hessian-vector products).
 */
@FunctionalInterface
public interface CustomBackward {
  Tensor[] backward(FunctionCtx ctx, Tensor gradOutput);
}
