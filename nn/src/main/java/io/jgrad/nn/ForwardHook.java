package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Runs after a module's forward ({@link Module#registerForwardHook}), as torch's
 * {@code register_forward_hook}: sees the module, its inputs and its output, and returns the
 * output to use instead, or null to keep it. The inputs are those the forward received (after
 * any pre-hook); the array is a copy.
 */
@FunctionalInterface
public interface ForwardHook {
  Tensor onForward(Module module, Tensor[] inputs, Tensor output);
}
