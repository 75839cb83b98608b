package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.train.Objective;
import java.util.List;

/**
 * ELR and the comp-sum loss in its GCE range against cross entropy under 40% symmetric label noise
 * (papers 81 and 23) on Fashion-MNIST (not in CI; the smoke variant uses the digits).
 */
final class NoisyLabelDemo extends ClassificationDemo {
  static final String ELR = "elr_loss", COMP = "comp_sum_loss", CE = "cross_entropy";
  static final int N_TRAIN = 5000, N_TEST = 5000;

  NoisyLabelDemo() {
    super(ELR, List.of(ELR, COMP), "ELR and comp-sum (tau 1.7, GCE q 0.7) vs cross entropy under 40% symmetric label noise",
        "Fashion-MNIST (needs /usr/share/datasets/fashion-mnist, Debian package dataset-fashion-mnist) 2x2-average-pooled "
            + "to 14x14: 5000 training images drawn per seed, 40% of their labels replaced by a uniformly drawn other class, "
            + "and the first 5000 test images with clean labels. MLP 196-256-10 (ReLU), Adam lr 1e-3, batch 64, 30 epochs, the "
            + "same initial weights and shuffling for every loss: elr_loss (beta 0.7, lambda 3: the reference's CIFAR-10 "
            + "configuration; targets keyed by the batch's sample indices), comp_sum_loss with tau = 1.7 (GCE with Zhang and "
            + "Sabuncu's q = 0.7) and cross entropy. Test metric: clean accuracy. Smoke: the digits with 40% noise, 3 epochs.",
        Claim.of("Under 40% symmetric label noise, ELR and the comp-sum loss in its GCE range reach a higher clean test accuracy "
                + "than cross entropy trained the same way (papers 81 and 23)",
            Criterion.higher("clean_accuracy", ELR, CE), Criterion.higher("clean_accuracy", COMP, CE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s;
    int in;
    if (smoke) {
      s = head(ClassificationData.noisy(ClassificationData.digits(seed), 0.4, 10, seed), 400);
      in = 64;
    } else {
      if (!ClassificationData.fashionAvailable()) {
        throw new IllegalStateException("demo elr_loss needs Fashion-MNIST in /usr/share/datasets/fashion-mnist "
            + "(apt-get install dataset-fashion-mnist); --smoke runs on the digits");
      }
      s = ClassificationData.noisy(ClassificationData.fashion(N_TRAIN, N_TEST, seed), 0.4, 10, seed);
      in = 196;
    }
    Recipe r = new Recipe(256, smoke ? 3 : 30, 64, 1e-3, 0);
    int n = s.trainSize();
    List<Method> methods = List.of(
        Method.of(ELR, () -> Catalog.create("elr_loss:num_examples=" + n + ",num_classes=10", Kind.LOSS, Objective.class)),
        Method.of(COMP, () -> Catalog.create("comp_sum_loss:tau=1.7", Kind.LOSS, Objective.class)),
        Method.of(CE, () -> Catalog.create(CE, Kind.LOSS, Objective.class)));
    DemoRun run = new DemoRun();
    Split split = s;
    for (Method m : methods) {
      trainAndMeasure(run, m, ClassificationRuns.mlp(in, 256, 10, seed), s, r, seed,
          out -> row("clean_accuracy", ClassificationRuns.accuracy(out, split.yTest())));
    }
    return run;
  }
}
