package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.TrainStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SAM and AMP against their base optimizer on Fashion-MNIST with 20% symmetric label noise: the
 * sharpness (top Hessian eigenvalue of the training loss) at the end of training, and test
 * accuracy. Papers 43 (SAM) and 7 (AMP) claim flatter minima and better generalization, the
 * latter especially under label noise (SAM's paper, section 4.3).
 */
final class SharpnessDemo extends CatalogDemo {
  static final String SAM = "sam", AMP = "amp", BASE = "sgd";

  SharpnessDemo() {
    super(SAM,
        List.of(SAM, AMP),
        "procedures",
        "SAM and AMP vs SGD: sharpness and test accuracy, Fashion-MNIST with 20% label noise",
        "Fashion-MNIST (needs /usr/share/datasets/fashion-mnist, not in CI): a seeded subset of 8000 training images with "
            + "20% of the labels replaced by another class, 2000 clean test images; MLP 784-128-10 (ReLU); SGD lr 0.05, momentum 0.9, "
            + "batch 128, 12 epochs, the same initial weights and shuffling for the three methods; sam (rho 0.05) and amp (epsilon "
            + "0.5, inner_lr 1, 1 inner step) wrap the same SGD; the registry defaults. Sharpness: the top eigenvalue of the Hessian "
            + "of the (noisy) training cross entropy on 1000 training images, by power iteration on Hessian-vector products "
            + "(PyHessian's tolerance 1e-3). Smoke: embedded digits (no noise subset of 256 examples), 2 epochs.",
        Claim.of("SAM and AMP end in flatter minima than the base optimizer (lower top Hessian eigenvalue) and their test "
                + "accuracy is no worse (at least the base optimizer's minus 0.5 point) under label noise (papers 43 and 7)",
            Criterion.lower("top_hessian_eigenvalue", SAM, BASE),
            Criterion.lower("top_hessian_eigenvalue", AMP, BASE),
            Criterion.atLeast("test_accuracy", SAM, BASE, -0.005),
            Criterion.atLeast("test_accuracy", AMP, BASE, -0.005)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    ProcedureKit.Split data = smoke ? ProcedureKit.digits() : ProcedureKit.fashion(8000, 2000, 1000 + seed);
    var train = smoke ? DemoData.head(data.train(), 256) : ProcedureKit.noisyLabels(data.train(), 0.2, 10, 2000 + seed);
    var probe = ProcedureKit.subset(train, smoke ? 64 : 1000, 3000 + seed);
    int epochs = smoke ? 2 : 12;
    Map<String, String> methods = new LinkedHashMap<>();
    methods.put(BASE, null);
    methods.put(SAM, "sam");
    methods.put(AMP, "amp");
    DemoRun r = new DemoRun();
    for (Map.Entry<String, String> m : methods.entrySet()) {
      Module model = ProcedureKit.mlp(data.features(), 128, 10, false, seed);
      TrainStep step = m.getValue() == null ? null : Catalog.create(m.getValue(), Kind.PROCEDURE, TrainStep.class);
      History h = ProcedureKit.train(model, ProcedureKit.sgd(model, 0.05), ProcedureKit.CE, step, List.of(), train, epochs, 128,
          seed);
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("top_hessian_eigenvalue", ProcedureKit.topEigenvalue(model, probe, seed, smoke ? 5 : 100));
      row.put("test_accuracy", ProcedureKit.accuracy(model, data.test()));
      row.put("train_accuracy_noisy", ProcedureKit.accuracy(model, train));
      r.row(m.getKey(), row);
      r.curve("training loss", m.getKey(), ProcedureKit.trainLosses(h));
    }
    return r;
  }
}
