package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Robust regression losses against MSE under grossly corrupted training targets: the scheduled
 * pseudo-Huber loss (paper 85), the Z-error loss (paper 106) and log-cosh (paper 51) bound or
 * mask the pull of outliers that MSE follows.
 */
final class RobustRegressionDemo extends CatalogDemo {
  static final String MSE = "mse";
  static final int FEATURES = 8;

  RobustRegressionDemo() {
    super("pseudo_huber_loss",
        List.of("pseudo_huber_loss", "z_error_loss", "regression_losses_ext", "regression_error_metrics"),
        "dense_regression",
        "pseudo-Huber, Z-error and log-cosh vs MSE with 10% grossly corrupted training targets",
        "synthetic: x ~ N(0, I_8), y = x.w + 0.1·N(0, 1), w ~ N(0, I) per seed; 512 training and 512 test examples; 10% of "
            + "the training targets get +20, the test targets are clean. Linear(8, 1), Adam lr 0.02, batch 32, 60 epochs, the same "
            + "initial weights and shuffling for every loss: pseudo_huber_loss (c = 0.1, diffusers' factor 2), z_error_loss "
            + "(τ = 2), regression_losses_ext:loss=log_cosh, and mse (the baseline). Metrics from regression_error_metrics on the "
            + "clean test set: mse, mae, r2. Smoke: 64 examples, 2 epochs.",
        Claim.of("Losses that bound (pseudo-Huber, log-cosh) or mask (Z-error) large residuals reach a lower clean-test MSE "
                + "than MSE when 10% of the training targets are grossly corrupted (papers 85, 106, 51)",
            Criterion.lower("mse", "pseudo_huber_loss", MSE), Criterion.lower("mse", "z_error_loss", MSE),
            Criterion.lower("mse", "log_cosh", MSE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int n = smoke ? 64 : 512, epochs = smoke ? 2 : 60;
    Generator g = new Generator(5000 + seed);
    Tensor w = Tensor.randn(g, FEATURES, 1);
    Tensor xTrain = Tensor.randn(g, n, FEATURES), xTest = Tensor.randn(g, n, FEATURES);
    Tensor yTrain = xTrain.matmul(w).add(Tensor.randn(g, n, 1).mul(0.1)).squeeze(1);
    Tensor yTest = xTest.matmul(w).add(Tensor.randn(g, n, 1).mul(0.1)).squeeze(1);
    Tensor outlier = Tensor.rand(g, n).lt(0.1).to(yTrain.dtype());
    yTrain = yTrain.add(outlier.mul(20)).contiguous();
    TensorDataset ds = new TensorDataset(xTrain, yTrain, Map.of());
    Map<String, String> specs = new LinkedHashMap<>();
    specs.put("pseudo_huber_loss", "pseudo_huber_loss");
    specs.put("z_error_loss", "z_error_loss");
    specs.put("log_cosh", "regression_losses_ext:loss=log_cosh");
    specs.put(MSE, "mse");
    DemoRun r = new DemoRun();
    for (Map.Entry<String, String> m : specs.entrySet()) {
      Module model = new Sequential(new Linear(FEATURES, 1, true, new Generator(seed)), new Flatten(0, -1));
      DemoFit.fit(model, Catalog.create(m.getValue(), Objective.class), ds, 32, epochs, 0.02, seed);
      Metric metrics = Catalog.create("regression_error_metrics", Metric.class);
      metrics.update(DemoFit.predict(model, xTest), new Batch(xTest, yTest));
      Map<String, Double> all = metrics.compute(), row = new LinkedHashMap<>();
      for (String k : List.of("mse", "mae", "r2")) row.put(k, all.get(k));
      r.row(m.getKey(), row);
    }
    return r;
  }
}
