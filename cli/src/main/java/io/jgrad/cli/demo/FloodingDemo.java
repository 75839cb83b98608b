package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.Objective;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flooding against plain cross entropy on a small training set with noisy labels, trained far
 * past zero training error: the flooded run's training loss stays at the flood level and its test
 * loss ends lower (Ishida et al. 2020; paper 62 explains flooding as implicit finite-difference
 * gradient regularization).
 */
final class FloodingDemo extends CatalogDemo {
  static final String FLOOD = "flooding_loss", CE = "cross_entropy";
  static final double B = 0.5;

  FloodingDemo() {
    super(FLOOD,
        List.of(FLOOD),
        "procedures",
        "flooding (b = 0.5) vs cross entropy: 300 digits with 20% label noise, trained long",
        "embedded digits: a seeded subset of 300 training examples with 20% of the labels replaced by another class, the "
            + "360 clean test examples; MLP 64-256-10 (ReLU), Adam lr 1e-3, batch 50, 150 epochs (cross entropy fits every noisy "
            + "label), the same initial weights and shuffling for both; flooding_loss with b = 0.5 (about the loss of fitting the "
            + "clean 80% confidently while leaving the noisy 20% alone). train_loss_gap is |training cross entropy - b| on the "
            + "whole training subset at the end. Smoke: 3 epochs.",
        Claim.of("With flooding the training loss stays near the flood level b (within 0.1) and the test loss ends below "
                + "the unflooded run's (Ishida et al. 2020; paper 62)",
            Criterion.atMost("train_loss_gap", FLOOD, 0.1),
            Criterion.lower("test_loss", FLOOD, CE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    ProcedureKit.Split data = ProcedureKit.digits();
    TensorDataset train = ProcedureKit.noisyLabels(ProcedureKit.subset(data.train(), 300, 100 + seed), 0.2, 10, 200 + seed);
    int epochs = smoke ? 3 : 150;
    Map<String, Objective> methods = new LinkedHashMap<>();
    methods.put(FLOOD, Catalog.create("flooding_loss:b=" + B, Kind.LOSS, Objective.class));
    methods.put(CE, ProcedureKit.CE);
    DemoRun r = new DemoRun();
    for (Map.Entry<String, Objective> m : methods.entrySet()) {
      Module model = ProcedureKit.mlp(64, 256, 10, false, seed);
      double[] testLoss = new double[epochs], trainLoss = new double[epochs];
      Adam opt = new Adam(model.parameters(), 1e-3);
      for (int e = 0; e < epochs; e++) {
        // one epoch at a time, same shuffling stream: the curves are the per-epoch losses on the whole sets
        ProcedureKit.train(model, opt, m.getValue(), null, List.of(), train, 1, 50, seed * 1000 + e);
        trainLoss[e] = ProcedureKit.crossEntropy(model, train);
        testLoss[e] = ProcedureKit.crossEntropy(model, data.test());
      }
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("train_loss", trainLoss[epochs - 1]);
      row.put("train_loss_gap", Math.abs(trainLoss[epochs - 1] - B));
      row.put("test_loss", testLoss[epochs - 1]);
      row.put("test_accuracy", ProcedureKit.accuracy(model, data.test()));
      r.row(m.getKey(), row);
      r.curve("training cross entropy", m.getKey(), trainLoss).curve("test cross entropy", m.getKey(), testLoss);
    }
    return r;
  }
}
