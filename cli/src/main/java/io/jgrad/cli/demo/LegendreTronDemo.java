package io.jgrad.cli.demo;

import io.jgrad.cli.demo.ClassificationData.Split;
import io.jgrad.cli.demo.ClassificationRuns.Recipe;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import java.util.List;

/**
 * LegendreTron (paper 15) against multinomial logistic regression on the digits: a linear model
 * of C - 1 scores with the learned proper canonical link, against the same linear model with C
 * scores and the softmax (the paper's baseline).
 */
final class LegendreTronDemo extends ClassificationDemo {
  static final String LT = "legendretron_link", MLR = "multinomial_logistic";

  LegendreTronDemo() {
    super(LT, List.of(LT), "LegendreTron (learned proper link) vs multinomial logistic regression on digits",
        "embedded digits split 80/20 per seed. LegendreTron: a linear layer 64 -> 9 followed by legendretron_link (one block, "
            + "ICNN width 4, depth 4, the reference's defaults), trained with the negative log-likelihood of its "
            + "log-probabilities, the link's parameters jointly with the linear layer; multinomial logistic regression: a linear "
            + "layer 64 -> 10 with cross entropy (the paper's baseline). Adam lr 3e-3, batch 64, 30 epochs, the same shuffling. "
            + "Test metric: accuracy. Smoke: 2 epochs on 200 training images.",
        Claim.of("Learning the proper canonical link jointly with a linear model is at least as accurate as multinomial logistic "
                + "regression (paper 15)",
            Criterion.atLeast("accuracy", LT, MLR, 0)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    Split s = ClassificationData.digits(seed);
    if (smoke) s = head(s, 200);
    Recipe r = new Recipe(0, smoke ? 2 : 30, 64, 3e-3, 0);
    Generator g = new Generator(seed * 1009 + 5);
    Module lt = new Sequential(new Linear(64, 9, true, g),
        Catalog.create("legendretron_link:num_classes=10,seed=" + (seed * 13 + 1), Kind.LAYER, Module.class));
    Module mlr = new Sequential(new Linear(64, 10, true, new Generator(seed * 1009 + 5)));
    DemoRun run = new DemoRun();
    Split split = s;
    Objective nll = Objective.of((out, y) -> Losses.nllLoss(out, y, null, -100, Reduction.MEAN));
    trainAndMeasure(run, Method.of(LT, () -> nll), lt, s, r, seed, out -> row("accuracy", ClassificationRuns.accuracy(out, split.yTest())));
    trainAndMeasure(run, Method.of(MLR, () -> Catalog.create("cross_entropy", Kind.LOSS, Objective.class)), mlr, s, r, seed,
        out -> row("accuracy", ClassificationRuns.accuracy(out, split.yTest())));
    return run;
  }
}
