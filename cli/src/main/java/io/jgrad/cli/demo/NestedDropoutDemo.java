package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.NestedDropout;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Nested dropout on the penultimate features under 40% label noise (paper 39): the best feature
 * prefix, chosen on a noisy validation split, against the same network without dropout.
 */
final class NestedDropoutDemo extends ClassificationDemo {
  static final String ND = "nested_dropout", CE = "no_dropout";

  NestedDropoutDemo() {
    super(ND, List.of(ND), "nested dropout (sigma 32) vs no dropout: digits with 40% symmetric label noise",
        "embedded digits split 80/20 per seed; 40% of the training labels replaced by a uniformly drawn other class; the last "
            + "20% of the noisy training split is held out for validation. MLP 64-128-10 (ReLU) with nested_dropout (sigma 32, "
            + "mu 0: one prefix length k per batch, P(k) ∝ exp(-(k/32)^2), no rescaling) on the 128 hidden features, or without; "
            + "Adam lr 1e-3, batch 32, 40 epochs, the same initial weights and shuffling. The nested model is evaluated with the "
            + "prefix k in 1..128 that is most accurate on the (noisy) validation split, as the reference's TestNested. Test "
            + "metric: clean accuracy. Smoke: 3 epochs on 300 training images.",
        Claim.of("Compressing the features with nested dropout makes a network trained on noisy labels more accurate on clean "
                + "test data than the same network without it (paper 39)",
            Criterion.higher("clean_accuracy", ND, CE)));
  }

  static Sequential model(long seed, boolean nested) {
    Generator g = new Generator(seed * 1009 + 5);
    Linear l1 = new Linear(64, 128, true, g), l2 = new Linear(128, 10, true, g);
    if (!nested) return new Sequential(l1, new ReLU(), l2);
    NestedDropout nd = (NestedDropout) Catalog.create("nested_dropout:sigma=32,seed=" + (seed * 71 + 3), Kind.LAYER, Module.class);
    return new Sequential(l1, new ReLU(), nd, l2);
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split noisy = ClassificationData.noisy(ClassificationData.digits(seed), 0.4, 10, seed);
    int n = noisy.trainSize(), nFit = n * 4 / 5;
    Split fit = new Split(noisy.xTrain().narrow(0, 0, nFit).contiguous(), noisy.yTrain().narrow(0, 0, nFit).contiguous(),
        noisy.xTest(), noisy.yTest());
    Tensor xVal = noisy.xTrain().narrow(0, nFit, n - nFit), yVal = noisy.yTrain().narrow(0, nFit, n - nFit);
    if (smoke) fit = head(fit, 300);
    Recipe r = new Recipe(128, smoke ? 3 : 40, 32, 1e-3, 0);
    DemoRun run = new DemoRun();
    Objective ce = Catalog.create("cross_entropy", Kind.LOSS, Objective.class);
    Sequential nested = model(seed, true);
    ClassificationRuns.train(nested, fit.train(), r, seed, ce, List.of(), List.of());
    NestedDropout nd = (NestedDropout) nested.namedChildren().values().stream().filter(m -> m instanceof NestedDropout).findFirst().orElseThrow();
    int bestK = 0;
    double bestVal = -1;
    for (int k = 1; k <= 128; k++) {
      nd.prefix(k);
      double acc = ClassificationRuns.accuracy(ClassificationRuns.outputs(nested, xVal), yVal);
      if (acc > bestVal) {
        bestVal = acc;
        bestK = k;
      }
    }
    nd.prefix(bestK);
    run.row(ND, row("clean_accuracy", ClassificationRuns.accuracy(ClassificationRuns.outputs(nested, fit.xTest()), fit.yTest()),
        "best_k", bestK));
    Sequential plain = model(seed, false);
    ClassificationRuns.train(plain, fit.train(), r, seed, ce, List.of(), List.of());
    run.row(CE, row("clean_accuracy", ClassificationRuns.accuracy(ClassificationRuns.outputs(plain, fit.xTest()), fit.yTest()), "best_k", 128));
    return run;
  }
}
