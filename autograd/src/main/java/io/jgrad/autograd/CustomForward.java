package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * The forward of a custom function ({@link Autograd#function}): computes the output from the
 * inputs, with recording paused, and may save tensors and values in {@code ctx} for the backward.
 */
@FunctionalInterface
public interface CustomForward {
  Tensor forward(FunctionCtx ctx, List<Tensor> inputs);
}
