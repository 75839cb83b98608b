package io.jgrad.cli.demo;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.losses.catalog.Kind;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.Adam;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The regression losses of paper 51 (a survey of regression losses) under corrupted targets: a
 * linear model fitted with MSE, L1 and Huber to data whose training targets contain 10% gross
 * outliers, measured on clean test targets. The survey's point about MAE and Huber is their
 * robustness to outliers, which MSE lacks.
 */
final class RegressionLossesDemo extends CatalogDemo {
  static final String HUBER = "huber", L1 = "l1", MSE = "mse";
  static final int FEATURES = 8;

  RegressionLossesDemo() {
    super("regression_losses_core",
        List.of("regression_losses_core"),
        "regression",
        "MSE vs L1 vs Huber with 10% outlying training targets, linear regression",
        "synthetic: x ~ N(0, I_8), y = x.w + 0.1 N(0, 1) with w ~ N(0, I) drawn per seed; 512 training and 512 test examples; "
            + "10% of the training targets get +20 (gross outliers), the test targets are clean. Linear(8, 1), Adam lr 0.02, batch 32, "
            + "60 epochs, the same initial weights and shuffling for every loss: regression_losses_core with form = huber (delta = 1), "
            + "form = l1 and form = mse (the baseline). Metrics: clean test MSE and MAE. Smoke: 2 epochs on 64 examples.",
        Claim.of("L1 and Huber are robust to outlying targets where MSE is not: both reach a lower clean test MSE than MSE",
            Criterion.lower("test_mse", HUBER, MSE),
            Criterion.lower("test_mse", L1, MSE)));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int n = smoke ? 64 : 512, epochs = smoke ? 2 : 60;
    Generator g = new Generator(1000 + seed);
    Tensor w = Tensor.randn(g, FEATURES, 1);
    Tensor xTrain = Tensor.randn(g, n, FEATURES), xTest = Tensor.randn(g, n, FEATURES);
    Tensor yTrain = xTrain.matmul(w).add(Tensor.randn(g, n, 1).mul(0.1));
    Tensor yTest = xTest.matmul(w).add(Tensor.randn(g, n, 1).mul(0.1));
    Tensor outlier = Tensor.rand(g, n, 1).lt(0.1).to(yTrain.dtype());
    yTrain = yTrain.add(outlier.mul(20)).contiguous();
    TensorDataset train = new TensorDataset(xTrain, yTrain, Map.of()), test = new TensorDataset(xTest, yTest, Map.of());
    Map<String, String> specs = new LinkedHashMap<>();
    specs.put(HUBER, "regression_losses_core:form=huber,delta=1");
    specs.put(L1, "regression_losses_core:form=l1");
    specs.put(MSE, "regression_losses_core:form=mse");
    DemoRun r = new DemoRun();
    for (Map.Entry<String, String> m : specs.entrySet()) {
      Objective loss = Catalog.create(m.getValue(), Kind.LOSS, Objective.class);
      Module model = new Linear(FEATURES, 1, true, new Generator(seed));
      try (DataLoader tr = DataLoader.builder(train, 32).shuffle(true).generator(new Generator(seed)).build();
           DataLoader te = DataLoader.builder(test, n).build()) {
        Trainer t = Trainer.builder(model, new Adam(model.parameters(), 0.02), loss).epochs(epochs).metrics(new RegressionMetric()).build();
        History h = t.fit(tr, te);
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("test_mse", h.last().validation().value("mse"));
        row.put("test_mae", h.last().validation().value("mae"));
        r.row(m.getKey(), row);
        double[] curve = new double[h.epochs().size()];
        for (int i = 0; i < curve.length; i++) curve[i] = h.epochs().get(i).validation().value("mse");
        r.curve("clean test MSE", m.getKey(), curve);
      }
    }
    return r;
  }
}
