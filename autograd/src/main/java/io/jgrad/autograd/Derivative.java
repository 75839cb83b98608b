package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * The vector-Jacobian product of one op: given the gradient of the op's first output, the
 * gradient of each input (null for inputs that need none, see {@link Ctx#needsGrad}).
 * Written with differentiable Tensor ops, never raw kernels, so that with {@code createGraph}
 * the result is itself differentiable (gradient penalties, Hessian-vector products).
 */
@FunctionalInterface
public interface Derivative {
  Tensor[] backward(Ctx ctx, Tensor grad);
}
