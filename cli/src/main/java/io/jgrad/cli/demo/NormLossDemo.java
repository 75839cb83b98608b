package io.jgrad.cli.demo;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Norm Loss (paper 14) against plain training of a digits MLP: the penalty
 * {@code lambda sum_f (1 - ||w_f||)^2} steers every filter (row of a Linear weight) toward the
 * unit sphere (the oblique manifold) while the network still fits the data.
 */
final class NormLossDemo extends CatalogDemo {
  static final String PLAIN = "plain", NORM = "norm_loss";
  static final String SPEC = "norm_loss:lambda=0.05";

  NormLossDemo() {
    super("norm_loss",
        List.of("norm_loss"),
        "weight_reg",
        "Norm Loss vs plain training: distance of the filter norms from 1 and accuracy, digits MLP",
        "embedded digits (1437/360 split); MLP 64-128-10 (ReLU); SGD lr 0.05 momentum 0.9, batch 64, 30 epochs, the same "
            + "initial weights and shuffling per seed. " + SPEC + " on both Linear weights (sum over filters; lambda is larger "
            + "than Ranger21's 1e-4 because this run has about 700 steps). norm_dev: mean over all filters (rows) of "
            + "| ||w_f|| - 1 |. Smoke: 2 epochs on 256 examples.",
        Claim.of("Norm Loss pushes every filter toward unit norm (mean | ||w_f|| - 1 | at most 0.05 and below plain's) "
                + "at test accuracy within 1 point of plain training (paper 14)",
            Criterion.atMost("norm_dev", NORM, 0.05),
            Criterion.lower("norm_dev", NORM, PLAIN),
            Criterion.atLeast("test_accuracy", NORM, PLAIN, -0.01)));
  }

  /** Mean over the rows of every Linear weight of | ||w_f|| - 1 |, and the row norms in model order. */
  static double normDeviation(Module model, List<Double> norms) {
    double dev = 0;
    int rows = 0;
    try (var off = Grad.disabled()) {
      for (Module m : ((Sequential) model).layers()) {
        if (!(m instanceof Linear l)) continue;
        double[] r = l.weight().norm(2, new int[] {1}, false).toDoubleArray();
        for (double v : r) {
          dev += Math.abs(v - 1);
          norms.add(v);
        }
        rows += r.length;
      }
    }
    return dev / rows;
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    WeightRegSetup.Data data = WeightRegSetup.digits(smoke ? 256 : 0);
    int epochs = smoke ? 2 : 30;
    DemoRun out = new DemoRun();
    for (String method : List.of(PLAIN, NORM)) {
      Sequential model = WeightRegSetup.mlp(seed, 128);
      List<Regularizer> regs = method.equals(NORM) ? List.of(Catalog.create(SPEC, Regularizer.class)) : List.of();
      WeightRegSetup.train(model, new SGD(model.parameters(), 0.05, Map.of("momentum", 0.9)), data.train(), epochs, seed, regs, null);
      List<Double> norms = new ArrayList<>();
      out.metric(method, "norm_dev", normDeviation(model, norms));
      out.metric(method, "train_accuracy", WeightRegSetup.accuracy(model, data.train()));
      out.metric(method, "test_accuracy", WeightRegSetup.accuracy(model, data.test()));
      out.curve("filter norms [x: filter, layer 1 then layer 2]", method, norms.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return out;
  }
}
