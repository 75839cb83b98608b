package io.jgrad.cli.demo;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.ExampleTransform;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import java.util.List;

/**
 * How every catalog demonstration trains a model: the Trainer over mini-batches shuffled by a
 * generator seeded from the demo's seed, with the method's objective, regularizers, training step
 * and callbacks. A demo passes its component and its baseline through the same call, differing
 * only in those arguments, so they see the same data order, epochs and optimizer settings.
 */
public final class DemoTraining {
  private DemoTraining() {}

  /**
   * A loader of shuffled {@code batch}-sized mini-batches of {@code train}: the order, and the
   * per-example {@code transform} (null: none), derive from {@code shuffleSeed}.
   */
  public static DataLoader loader(Dataset train, int batch, long shuffleSeed, ExampleTransform transform) {
    DataLoader.Builder b = DataLoader.builder(train, batch).shuffle(true).generator(new Generator(shuffleSeed));
    if (transform != null) b.transform(transform);
    return b.build();
  }

  /**
   * Trains {@code model} for {@code epochs} over {@code loader} (closed afterwards) with {@code opt}
   * and {@code objective}; {@code step} null is the standard step; {@code regularizers} and
   * {@code callbacks} may be empty. No validation set. Returns the Trainer's history.
   */
  public static History fit(Module model, Optimizer opt, Objective objective, DataLoader loader, int epochs, TrainStep step,
                            List<Regularizer> regularizers, List<Callback> callbacks) {
    return fit(model, opt, null, objective, loader, epochs, step, regularizers, callbacks);
  }

  /**
   * As {@link #fit(Module, Optimizer, Objective, DataLoader, int, TrainStep, List, List)}, with a
   * learning-rate {@code schedule} stepped after every optimizer step (null: none).
   */
  public static History fit(Module model, Optimizer opt, LrScheduler schedule, Objective objective, DataLoader loader, int epochs,
                            TrainStep step, List<Regularizer> regularizers, List<Callback> callbacks) {
    try (loader) {
      Trainer.Builder b = Trainer.builder(model, opt, objective).epochs(epochs)
          .regularizers(regularizers.toArray(new Regularizer[0])).callbacks(callbacks.toArray(new Callback[0]));
      if (step != null) b.trainStep(step);
      if (schedule != null) b.scheduler(schedule, true);
      return b.build().fit(loader, null);
    }
  }
}
