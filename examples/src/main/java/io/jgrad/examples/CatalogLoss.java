package io.jgrad.examples;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.optim.AdamW;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Tensor;

/**
 * A loss of the research catalog, built by id with named parameters through the registry (the
 * same spec the command line takes with --loss), and trained with the Trainer.
 */
public final class CatalogLoss {
  public static final String SPEC = "focal_loss:gamma=2";

  public static void main(String[] args) {
    Objective loss = Catalog.create(SPEC, Objective.class);
    System.out.println(SPEC + ": " + Catalog.get(SPEC.substring(0, SPEC.indexOf(':'))).where());
    Tensor.manualSeed(7);
    DataLoader train = DataLoader.builder(TrainWithTrainer.blobs(600), 32).shuffle(true).seed(2).build();
    DataLoader test = DataLoader.builder(TrainWithTrainer.blobs(300), 100).build();
    Module model = new Sequential(new Linear(2, 32), new ReLU(), new Linear(32, 3));
    Optimizer opt = new AdamW(model.parameters(), 1e-2);
    Trainer trainer = Trainer.builder(model, opt, loss).epochs(10).build();
    trainer.fit(train, null);
    Metrics m = trainer.evaluate(test);
    System.out.printf("test loss %.4f, test accuracy %.4f%n", m.loss(), m.accuracy());
  }
}
