package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.train.Objective;
import java.util.List;

/** AnyLoss in its F1 form against binary cross entropy on an imbalanced one-vs-rest digits task (paper 40). */
final class AnyLossDemo extends ClassificationDemo {
  static final String ANY = "anyloss", BCE = "bce_with_logits";
  static final int POSITIVE = 3;

  /** Binary cross entropy on the one logit per sample ([B, 1] against [B] labels). */
  static Objective bce() {
    return Objective.of((out, y) -> Losses.binaryCrossEntropyWithLogits(out.reshape(-1), y.reshape(-1).to(out.dtype()), null, null,
        Reduction.MEAN));
  }

  AnyLossDemo() {
    super(ANY, List.of(ANY), "AnyLoss (F1) vs binary cross entropy: F1 on digit 3 vs the rest",
        "embedded digits split 80/20 per seed, relabelled one-vs-rest: digit 3 is positive (about 10%), every other digit "
            + "negative. MLP 64-32-1 (ReLU), one logit, Adam lr 3e-3, batch 64, 30 epochs, the same initial weights and "
            + "shuffling for both losses: anyloss (metric f1, L = 73, on sigmoid(logit)) and bce_with_logits. Test metrics: F1 "
            + "and accuracy of the prediction sigmoid(logit) > 0.5. Smoke: 3 epochs on 300 training images.",
        Claim.of("Optimising AnyLoss's differentiable F1 gives a test F1 at least as high as binary cross entropy on an "
                + "imbalanced binary task (paper 40)",
            Criterion.atLeast("f1", ANY, BCE, 0)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.oneVsRest(ClassificationData.digits(seed), POSITIVE);
    if (smoke) s = head(s, 300);
    Recipe r = new Recipe(32, smoke ? 3 : 30, 64, 3e-3, 0);
    DemoRun run = new DemoRun();
    Split split = s;
    List<Method> methods = List.of(Method.of(ANY, () -> Catalog.create(ANY, Kind.LOSS, Objective.class)),
        Method.of(BCE, () -> bce()));
    for (Method m : methods) {
      trainAndMeasure(run, m, ClassificationRuns.mlp(64, 32, 1, seed), s, r, seed,
          out -> row("f1", ClassificationRuns.f1(out, split.yTest()), "accuracy", ClassificationRuns.binaryAccuracy(out, split.yTest())));
    }
    return run;
  }
}
