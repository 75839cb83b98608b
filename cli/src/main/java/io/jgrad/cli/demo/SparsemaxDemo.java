package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.List;

/** The sparsemax loss against cross entropy on the digits (paper 12): accuracy and exact zeros in the output distribution. */
final class SparsemaxDemo extends ClassificationDemo {
  static final String SPARSE = "sparsemax_loss", CE = "cross_entropy";

  SparsemaxDemo() {
    super(SPARSE, List.of(SPARSE, "sparsemax"), "sparsemax loss vs cross entropy: accuracy and sparse outputs on digits",
        "embedded digits split 80/20 per seed; MLP 64-64-10 (ReLU), Adam lr 3e-3, batch 32, 30 epochs, the same initial weights "
            + "and shuffling for both losses. The sparsemax-loss model outputs sparsemax(z) (the sparsemax layer), the cross-entropy "
            + "model softmax(z). Test metrics: accuracy and the fraction of output probabilities that are exactly 0. "
            + "Smoke: 3 epochs on 300 training images.",
        Claim.of("Training with the sparsemax loss is as accurate as cross entropy (within 1 point) and its output distributions "
                + "are sparse: at least half of the probabilities are exactly 0 (paper 12)",
            Criterion.atLeast("accuracy", SPARSE, CE, -0.01), Criterion.atLeast("zero_probabilities", SPARSE, 0.5)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.digits(seed);
    if (smoke) s = head(s, 300);
    Recipe r = new Recipe(64, smoke ? 3 : 30, 32, 3e-3, 0);
    DemoRun run = new DemoRun();
    Split split = s;
    Module layer = Catalog.create("sparsemax:dim=1", Kind.LAYER, Module.class);
    trainAndMeasure(run, Method.of(SPARSE, () -> Catalog.create(SPARSE, Kind.LOSS, Objective.class)), ClassificationRuns.mlp(64, 64, 10, seed),
        s, r, seed, out -> row("accuracy", ClassificationRuns.accuracy(out, split.yTest()), "zero_probabilities", zeros(layer.forward(out))));
    trainAndMeasure(run, Method.of(CE, () -> Catalog.create(CE, Kind.LOSS, Objective.class)), ClassificationRuns.mlp(64, 64, 10, seed),
        s, r, seed, out -> row("accuracy", ClassificationRuns.accuracy(out, split.yTest()), "zero_probabilities", zeros(out.softmax(1))));
    return run;
  }

  static double zeros(Tensor p) { return p.eq(0).to(DType.FLOAT64).mean().item(); }
}
