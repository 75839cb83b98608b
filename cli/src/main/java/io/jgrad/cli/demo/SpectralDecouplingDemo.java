package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.train.Regularizer;
import java.util.List;

/**
 * Spectral decoupling against plain logistic loss on a two-feature set where one feature is
 * learned first (paper 92, "Gradient Starvation"): how much the slower feature was learned.
 */
final class SpectralDecouplingDemo extends ClassificationDemo {
  static final String SD = "spectral_decoupling", CE = "logistic";

  SpectralDecouplingDemo() {
    super(SD, List.of(SD), "spectral decoupling vs plain logistic loss: learning the slower of two features",
        "synthetic: 1000 training, 2000 test and 2000 probe points in 2-D, labels s = +-1; the fast feature "
            + "x1 = c (1 + 0.1 n) has a wide margin and agrees with s for 90% of the points (c = -s for the rest), the slow "
            + "feature x2 = 0.5 s + 0.8 n predicts s about 73% of the time. In the probe set c is independent of s, so only what "
            + "the model learned from x2 predicts there (the CMNIST logic of the paper's reference code, in two scalar features). "
            + "MLP 2-500-1 (ReLU), full-batch SGD lr 1e-2, momentum 0.9, weight decay 2e-4, 1000 epochs (the optimizer of the "
            + "reference's two-moons scripts), logistic loss, with or without spectral_decoupling (sd_coef 0.003, the "
            + "reference's two-moons value). Metrics: test accuracy and probe accuracy. Smoke: 20 epochs, 100 hidden units.",
        Claim.of("Spectral decoupling counters gradient starvation: the network learns more of the slower feature, so its "
                + "accuracy where only that feature is informative is higher than with the plain logistic loss (paper 92)",
            Criterion.higher("probe_accuracy", SD, CE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split[] sets = ClassificationData.twoFeatures(1000, 2000, 0.1, seed);
    int hidden = smoke ? 100 : 500;
    Recipe r = new Recipe(hidden, smoke ? 20 : 1000, 1000, 1e-2, 2e-4, 0.9);
    DemoRun run = new DemoRun();
    List<Method> methods = List.of(
        new Method(SD, AnyLossDemo::bce, List.of(Catalog.create("spectral_decoupling:sd_coef=0.003", Kind.REGULARIZER, Regularizer.class)),
            o -> List.of()),
        Method.of(CE, AnyLossDemo::bce));
    for (Method m : methods) {
      Module model = trainAndMeasure(run, m, ClassificationRuns.mlp(2, hidden, 1, seed), sets[0], r, seed,
          out -> row("accuracy", ClassificationRuns.binaryAccuracy(out, sets[0].yTest())));
      run.metric(m.name(), "probe_accuracy", ClassificationRuns.binaryAccuracy(ClassificationRuns.outputs(model, sets[1].xTest()), sets[1].yTest()));
    }
    return run;
  }
}
