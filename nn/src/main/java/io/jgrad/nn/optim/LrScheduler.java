package io.jgrad.nn.optim;

/**
 * A learning-rate schedule over an optimizer's parameter groups, as
 * {@code torch.optim.lr_scheduler}: call {@link #step()} once per epoch (or batch, for
 * one-cycle) after {@code optimizer.step()}.
 */
public interface LrScheduler {
  /** Advances the schedule by one step and writes the new lr into every group. */
  void step();

  /** Advances with a metric (only {@link ReduceLROnPlateau} uses one). */
  default void step(double metric) {
    throw new IllegalArgumentException(getClass().getSimpleName() + ": step(metric) is only for ReduceLROnPlateau; call step()");
  }

  /** The lr of each group after the last step (or at construction). */
  double[] getLastLr();
}
