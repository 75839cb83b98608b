package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Runs before a module's forward ({@link Module#registerForwardPreHook}), as torch's
 * {@code register_forward_pre_hook}: sees the module and its inputs, and returns the inputs to
 * use instead, or null to keep them.
 */
@FunctionalInterface
public interface ForwardPreHook {
  Tensor[] onForward(Module module, Tensor[] inputs);
}
