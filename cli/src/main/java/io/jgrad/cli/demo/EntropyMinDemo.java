package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import java.util.List;

/** Entropy minimisation on unlabelled digits (paper 21, the VAT+EntMin variant) against the labelled-only baseline. */
final class EntropyMinDemo extends ClassificationDemo {
  static final String ENT = "entropy_min_loss", CE = "labelled_only";

  EntropyMinDemo() {
    super(ENT, List.of(ENT), "entropy minimisation on unlabelled data vs the labelled cross entropy alone: digits with 10% labels",
        "embedded digits split 80/20 per seed; 10% of the training labels are kept (about 144), the rest are unlabelled "
            + "(ignore index). Both methods minimise the mean cross entropy of the labelled examples of each batch (0 for a "
            + "batch without labels), as the reference's labelled term; entropy_min_loss (lambda 1, as in the paper) adds the mean prediction "
            + "entropy of every example of the batch, labelled or not. MLP 64-64-10 (ReLU), Adam lr 3e-3, batch 64, 40 epochs, "
            + "the same initial weights and shuffling. Test metric: accuracy. Smoke: 3 epochs on 300 training images.",
        Claim.of("Minimising the prediction entropy on unlabelled data raises the test accuracy of a classifier trained on few "
                + "labels (paper 21, VAT+EntMin)",
            Criterion.higher("accuracy", ENT, CE)));
  }

  /** Mean cross entropy over the labelled rows of the batch (0 when it has none), as the reference's labelled term. */
  static Objective labelledCe() {
    return Objective.of((out, y) -> Losses.crossEntropy(out, y, null, -100, Reduction.SUM, 0)
        .div(y.ne(-100).to(out.dtype()).sum().clampMin(1)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.unlabel(ClassificationData.digits(seed), 0.1, seed);
    if (smoke) s = head(s, 300);
    Recipe r = new Recipe(64, smoke ? 3 : 40, 64, 3e-3, 0);
    DemoRun run = new DemoRun();
    List<Method> methods = List.of(
        new Method(ENT, EntropyMinDemo::labelledCe, List.of(Catalog.create("entropy_min_loss", Kind.REGULARIZER, Regularizer.class)),
            o -> List.of()),
        Method.of(CE, EntropyMinDemo::labelledCe));
    Split split = s;
    for (Method m : methods) {
      trainAndMeasure(run, m, ClassificationRuns.mlp(64, 64, 10, seed), s, r, seed,
          out -> row("accuracy", ClassificationRuns.accuracy(out, split.yTest())));
    }
    return run;
  }
}
