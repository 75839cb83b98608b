package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.train.Objective;
import java.util.List;

/**
 * Focal, Poly-1 and Poly-1 focal against cross entropy on the digits with one class cut to 1:20
 * of the others (paper 32, PolyLoss; focal loss is Lin et al. 2017): the minority class's test
 * recall.
 */
final class FocalDemo extends ClassificationDemo {
  static final int MINORITY = 8;
  static final String FOCAL = "focal_loss", POLY = "poly1_loss", POLY_FOCAL = "poly1_focal_loss", CE = "cross_entropy";

  FocalDemo() {
    super(FOCAL, List.of(FOCAL, POLY, POLY_FOCAL), "focal (gamma 2), Poly-1 (eps 1) and Poly-1 focal vs cross entropy: minority "
            + "recall on digits with class 8 cut to 1:20",
        "embedded digits split 80/20 per seed; in the training split class 8 keeps 1/20 of the other classes' mean count "
            + "(7 of ~140 images), the test split is untouched (~35 eights). MLP 64-64-10 (ReLU), Adam lr 3e-3, batch 32, "
            + "30 epochs, the same initial weights and shuffling for every loss: focal_loss (softmax, gamma = 2, no alpha), "
            + "poly1_loss (epsilon = 1, the paper's first try), poly1_focal_loss (gamma = 2, epsilon = 1) and cross entropy. "
            + "Test metrics: accuracy and the recall of class 8. Smoke: 3 epochs on 300 training images.",
        Claim.of("Focal and Poly-1 losses raise the recall of a rare class over cross entropy while keeping the overall accuracy "
                + "within 1 point (PolyLoss, paper 32; Lin et al. 2017)",
            Criterion.higher("minority_recall", FOCAL, CE), Criterion.atLeast("accuracy", FOCAL, CE, -0.01),
            Criterion.higher("minority_recall", POLY, CE), Criterion.atLeast("accuracy", POLY, CE, -0.01),
            Criterion.higher("minority_recall", POLY_FOCAL, CE), Criterion.atLeast("accuracy", POLY_FOCAL, CE, -0.01)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.imbalanced(ClassificationData.digits(seed), MINORITY, 20, 10, seed);
    if (smoke) s = head(s, 300);
    Recipe r = new Recipe(64, smoke ? 3 : 30, 32, 3e-3, 0);
    DemoRun run = new DemoRun();
    for (String spec : List.of("focal_loss:gamma=2", "poly1_loss:epsilon=1", "poly1_focal_loss:gamma=2,epsilon=1", "cross_entropy")) {
      String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
      Method m = Method.of(name, () -> Catalog.create(spec, Kind.LOSS, Objective.class));
      Split split = s;
      trainAndMeasure(run, m, ClassificationRuns.mlp(64, 64, 10, seed), s, r, seed, out -> row(
          "accuracy", ClassificationRuns.accuracy(out, split.yTest()), "minority_recall", ClassificationRuns.recall(out, split.yTest(), MINORITY)));
    }
    return run;
  }
}
