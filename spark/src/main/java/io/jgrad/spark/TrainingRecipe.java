package io.jgrad.spark;

import io.jgrad.nn.Module;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.Serializable;
import java.util.List;

/**
 * How every worker builds what it trains: sent to the executors (so it is {@link Serializable}:
 * capture only serializable values, such as catalog spec strings) and called once per worker.
 * {@link CatalogRecipe} builds the objective side from catalog specs.
 */
public interface TrainingRecipe extends Serializable {
  /**
   * The model, initialised from {@code g}: every worker passes a generator with the same seed,
   * and rank 0's initial weights are broadcast anyway. Layers that keep {@code g} (dropout) draw
   * from it during training; it is reseeded each epoch from (seed, rank, epoch).
   */
  Module model(Generator g);

  /** The optimizer over the model's parameters (and those of a stateful objective, if any). */
  Optimizer optimizer(Module model);

  /** The loss (a catalog LOSS component, or any {@link Objective}). */
  Objective objective();

  /** Penalties added to the loss; none by default. */
  default List<Regularizer> regularizers() { return List.of(); }

  /** The training step (a catalog PROCEDURE, or {@link TrainStep#STANDARD}). */
  default TrainStep step() { return TrainStep.STANDARD; }

  /** A learning-rate schedule for {@code epochs} epochs of {@code batchesPerEpoch} steps, or null. */
  default Schedule schedule(Optimizer optimizer, int epochs, int batchesPerEpoch) { return null; }

  /** Metrics evaluated with the validation data each epoch. */
  default List<Metric> metrics() { return List.of(); }

  /** Callbacks that run on rank 0 only, with the epoch results all workers agreed on (progress, metrics files). */
  default List<Callback> rankZeroCallbacks() { return List.of(); }

  /** A scheduler and whether it steps per batch (true) or per epoch. */
  record Schedule(LrScheduler scheduler, boolean perStep) {}

  /** A serializable model builder. */
  @FunctionalInterface
  interface ModelFactory extends Serializable {
    Module create(Generator g);
  }

  /** A serializable optimizer builder. */
  @FunctionalInterface
  interface OptimizerFactory extends Serializable {
    Optimizer create(List<Tensor> params);
  }

  /** A serializable schedule builder. */
  @FunctionalInterface
  interface ScheduleFactory extends Serializable {
    Schedule create(Optimizer optimizer, int epochs, int batchesPerEpoch);
  }
}
