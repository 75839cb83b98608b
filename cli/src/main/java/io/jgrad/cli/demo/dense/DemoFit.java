package io.jgrad.cli.demo.dense;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.data.ExampleTransform;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/** The one training recipe the family's demos share: Adam, shuffled mini-batches from a seed. */
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
    DataLoader.Builder b = DataLoader.builder(train, batch).shuffle(true).generator(new Generator(seed));
    if (transform != null) b.transform(transform);
    try (DataLoader loader = b.build()) {
      Trainer t = Trainer.builder(model, new Adam(model.parameters(), lr), objective).epochs(epochs).regularizers(regularizers).build();
      return t.fit(loader, null);
    }
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
