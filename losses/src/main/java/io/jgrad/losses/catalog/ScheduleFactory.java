package io.jgrad.losses.catalog;

import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;

/** Builds a per-step learning-rate schedule for {@code totalSteps} steps (a SCHEDULE component). */
@FunctionalInterface
public interface ScheduleFactory {
  LrScheduler create(Optimizer optimizer, long totalSteps);
}
