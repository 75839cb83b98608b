package io.jgrad.cli.demo.dense;

import io.jgrad.autograd.Grad;
import io.jgrad.cli.demo.DemoTraining;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.ExampleTransform;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.List;

/** The one training recipe the family's demos share: Adam over {@link DemoTraining}'s shuffled mini-batches. */
final class DemoFit {
  private DemoFit() {}

  static History fit(Module model, Objective objective, TensorDataset train, int batch, int epochs, double lr, long seed,
                     Regularizer... regularizers) {
    return fitDataset(model, objective, train, batch, epochs, lr, seed, regularizers);
  }

  static History fitDataset(Module model, Objective objective, Dataset train, int batch, int epochs, double lr, long seed,
                            Regularizer... regularizers) {
    return fitTransformed(model, objective, train, null, batch, epochs, lr, seed, regularizers);
  }

  /** {@link #fit} with a per-example transform of the training examples (null: none). */
  static History fitTransformed(Module model, Objective objective, Dataset train, ExampleTransform transform, int batch, int epochs,
                                double lr, long seed, Regularizer... regularizers) {
    return DemoTraining.fit(model, new Adam(model.parameters(), lr), objective, DemoTraining.loader(train, batch, seed, transform), epochs,
        null, List.of(regularizers), List.of());
  }

  /** The model's outputs on {@code x}, in eval mode with gradients off. */
  static Tensor predict(Module model, Tensor x) {
    boolean was = model.isTraining();
    model.train(false);
    try (var off = Grad.disabled()) {
      return model.call(x).detach();
    } finally {
      model.train(was);
    }
  }
}
