package io.jgrad.losses.catalog;

import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Tensor;
import java.util.List;

/** Builds an optimizer over {@code params} (the factory of an OPTIMIZER component). */
@FunctionalInterface
public interface OptimizerFactory {
  Optimizer create(List<Tensor> params);
}
