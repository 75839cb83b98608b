package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.train.Objective;
import java.util.List;

/** EnsLoss against the fixed logistic loss on an over-fitting binary task (paper 42). */
final class EnsLossDemo extends ClassificationDemo {
  static final String ENS = "ensloss", BCE = "logistic";

  EnsLossDemo() {
    super(ENS, List.of(ENS), "EnsLoss vs the logistic loss: digits 3 vs 8 with 20% flipped training labels",
        "embedded digits split 80/20 per seed, only the digits 3 and 8 (label 1 = 8); 20% of the training labels are flipped so "
            + "that a long run over-fits. MLP 64-128-1 (ReLU), Adam lr 1e-3, batch 32, 100 epochs, the same initial weights and "
            + "shuffling: ensloss (a new random convex, calibrated loss-derivative per batch, Box-Cox lambda 0, seeded) and the "
            + "logistic loss (binary cross entropy on the logit). Test metric: accuracy of logit > 0 on clean labels. "
            + "Smoke: 3 epochs.",
        Claim.of("Training with random calibrated loss ensembles over-fits less than a fixed logistic loss: test accuracy at "
                + "least as high (paper 42)",
            Criterion.atLeast("accuracy", ENS, BCE, 0)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.pair(ClassificationData.digits(seed), 3, 8, 0.2, seed);
    Recipe r = new Recipe(128, smoke ? 3 : 100, 32, 1e-3, 0);
    DemoRun run = new DemoRun();
    List<Method> methods = List.of(
        Method.of(ENS, () -> Catalog.create("ensloss:seed=" + (seed * 97 + 1), Kind.LOSS, Objective.class)),
        Method.of(BCE, AnyLossDemo::bce));
    Split split = s;
    for (Method m : methods) {
      trainAndMeasure(run, m, ClassificationRuns.mlp(64, 128, 1, seed), s, r, seed,
          out -> row("accuracy", ClassificationRuns.binaryAccuracy(out, split.yTest())));
    }
    return run;
  }
}
