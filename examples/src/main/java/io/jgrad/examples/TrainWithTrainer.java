package io.jgrad.examples;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.CosineAnnealingLR;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Tensor;

/** A small classifier trained with the Trainer: three Gaussian blobs in 2-D, an MLP, AdamW, a cosine schedule. */
public final class TrainWithTrainer {
  /** n points around three centres, labels 0..2 (int64). */
  static TensorDataset blobs(int n) {
    Tensor centres = Tensor.of(new float[][] {{-2, 0}, {2, 0}, {0, 2.5f}});
    Tensor y = Tensor.randint(0, 3, n);
    Tensor x = centres.indexSelect(0, y).add(Tensor.randn(n, 2).mul(0.6));
    return new TensorDataset(x, y);
  }

  public static void main(String[] args) {
    Tensor.manualSeed(42);
    DataLoader train = DataLoader.builder(blobs(600), 32).shuffle(true).seed(1).build();
    DataLoader test = DataLoader.builder(blobs(300), 100).build();
    Module model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 3));
    Optimizer opt = new AdamW(model.parameters(), 1e-2);
    int epochs = 15;
    Trainer trainer = Trainer.builder(model, opt, Losses::crossEntropy)
        .epochs(epochs)
        .scheduler(new CosineAnnealingLR(opt, epochs, 0), false)
        .build();
    History h = trainer.fit(train, test);
    Metrics m = trainer.evaluate(test);
    System.out.printf("epochs %d, last train loss %.4f%n", h.epochs().size(), h.last().trainLoss());
    System.out.printf("test loss %.4f, test accuracy %.4f%n", m.loss(), m.accuracy());
  }
}
