package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of an optimizer: per-parameter state tensors and step counts (indexed by the
 * parameter's position across all groups, in order) and each group's hyperparameters and parameter count.
 *
 * <p>The tensors are copies owned by the snapshot: the optimizer's later steps do not change
 * them. {@code state.get(i)} is empty for a parameter that has not been stepped.
 */
public record OptimizerState(String optimizer, List<Map<String, Tensor>> state, List<Long> steps,
                             List<Map<String, Object>> groups, List<Integer> groupSizes) {
  public OptimizerState {
    groupSizes = List.copyOf(groupSizes);
    state = List.copyOf(state);
    steps = List.copyOf(steps);
    groups = List.copyOf(groups);
  }
}
