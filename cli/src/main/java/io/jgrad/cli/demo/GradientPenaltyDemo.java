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
 * The gradient-norm penalty by double backprop (paper 19's penalized form) and by finite
 * differences (paper 62's F-GR) against plain SGD on digits: the penalized quantity, the norm of
 * the training loss's gradient, falls, and accuracy stays within a point.
 */
final class GradientPenaltyDemo extends CatalogDemo {
  static final String DB = "grad_norm_penalty", FD = "gradient_norm_regularization_fd", BASE = "sgd";

  GradientPenaltyDemo() {
    super(DB,
        List.of(DB, FD),
        "procedures",
        "gradient-norm penalty (double backprop and F-GR) vs SGD: gradient norm and accuracy, digits",
        "embedded digits, jgrad train's 1437/360 split; MLP 64-128-10 (ReLU); SGD lr 0.05, momentum 0.9, batch 64, 30 epochs, "
            + "the same initial weights and shuffling for the three; grad_norm_penalty with lambda 0.025, power 2 (the objective "
            + "L + 0.025 ||grad L||^2) and gradient_norm_regularization_fd with gamma 0.05, epsilon 0.1 (F-GR of the same objective "
            + "L + (gamma / 2) ||grad L||^2). grad_norm is ||grad_w L|| of the mean training cross entropy on the whole training "
            + "split at the end (the penalized norm); batch_grad_norm its mean over 8 fixed training batches of 64. Smoke: 2 epochs "
            + "on 256 examples.",
        Claim.of("Penalizing the gradient norm lowers it at the end of training while test accuracy stays within 1 point "
                + "(papers 19 and 62)",
            Criterion.lower("batch_grad_norm", DB, BASE),
            Criterion.lower("batch_grad_norm", FD, BASE),
            Criterion.atLeast("test_accuracy", DB, BASE, -0.01),
            Criterion.atLeast("test_accuracy", FD, BASE, -0.01)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    ProcedureKit.Split data = ProcedureKit.digits();
    var train = smoke ? DemoData.head(data.train(), 256) : data.train();
    int epochs = smoke ? 2 : 30;
    Map<String, String> methods = new LinkedHashMap<>();
    methods.put(BASE, null);
    methods.put(DB, "grad_norm_penalty:lambda=0.025");
    methods.put(FD, "gradient_norm_regularization_fd:gamma=0.05,epsilon=0.1");
    DemoRun r = new DemoRun();
    for (Map.Entry<String, String> m : methods.entrySet()) {
      Module model = ProcedureKit.mlp(64, 128, 10, false, seed);
      TrainStep step = m.getValue() == null ? null : Catalog.create(m.getValue(), Kind.PROCEDURE, TrainStep.class);
      History h = ProcedureKit.train(model, ProcedureKit.sgd(model, 0.05), ProcedureKit.CE, step, List.of(), train, epochs, 64,
          seed);
      double batchNorm = 0;
      for (int b = 0; b < 8; b++) {
        batchNorm += ProcedureKit.gradientNorm(model, DemoData.head(ProcedureKit.subset(train, 64, 40 + b), 64)) / 8;
      }
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("grad_norm", ProcedureKit.gradientNorm(model, train));
      row.put("batch_grad_norm", batchNorm);
      row.put("test_accuracy", ProcedureKit.accuracy(model, data.test()));
      r.row(m.getKey(), row);
      r.curve("training loss", m.getKey(), ProcedureKit.trainLosses(h));
    }
    return r;
  }
}
