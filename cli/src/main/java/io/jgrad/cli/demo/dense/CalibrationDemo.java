package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.Calibration;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calibration regularizer of paper 77 on a Gaussian regression head trained by NLL on a small
 * training set, where it overfits and becomes overconfident: the PIT-based penalty should lower
 * the test probabilistic calibration error.
 */
final class CalibrationDemo extends CatalogDemo {
  static final String REG = "nll_plus_calibration", NLL = "nll";

  CalibrationDemo() {
    super("calibration_regularizer",
        List.of("calibration_regularizer"),
        "dense_regression",
        "Gaussian NLL with and without the PIT calibration regularizer, small heteroscedastic set",
        "synthetic: x ~ U(-1, 1)^2, y = sin(3·x1) + x2² + (0.1 + 0.3|x1|)·N(0, 1); 150 training and 2000 test points per "
            + "seed. MLP 2-64-64-2 (tanh) whose outputs are the mean and softplus scale of a Gaussian, Adam lr 0.005, batch 32, "
            + "150 epochs (it overfits), the same initial weights and shuffling: the Gaussian NLL alone against the NLL plus "
            + "calibration_regularizer (defaults: cdf method, lambda 1, L = 2, s = 100, 100 levels). Metrics on the test set: pce "
            + "(pit_calibration_error, sorted PIT, L = 1) and the Gaussian NLL. Smoke: 64 points, 2 epochs.",
        Claim.of("Adding the differentiable PIT calibration penalty to the NLL lowers the test probabilistic calibration "
                + "error of an overfitting Gaussian regressor (paper 77: regularization improves calibration)",
            Criterion.lower("pce", REG, NLL)));
  }

  static Tensor[] data(int n, long seed) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.rand(g, DType.FLOAT32, n, 2).mul(2).sub(1);
    Tensor x1 = x.select(1, 0), x2 = x.select(1, 1);
    Tensor s = x1.abs().mul(0.3).add(0.1);
    Tensor y = x1.mul(3).sin().add(x2.mul(x2)).add(s.mul(Tensor.randn(g, n)));
    return new Tensor[] {x, y};
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int n = smoke ? 64 : 150, epochs = smoke ? 2 : 150;
    Tensor[] tr = data(n, 11 + seed), te = data(smoke ? 256 : 2000, 51 + seed);
    Objective nll = (out, b) -> Calibration.gaussianNll(out, b.y(), 1e-6);
    DemoRun r = new DemoRun();
    for (String method : List.of(REG, NLL)) {
      Generator g = new Generator(seed);
      Module model = new Sequential(new Linear(2, 64, true, g), new Tanh(), new Linear(64, 64, true, g), new Tanh(),
          new Linear(64, 2, true, g));
      Regularizer[] regs = method.equals(REG) ? new Regularizer[] {Catalog.create("calibration_regularizer", Regularizer.class)}
          : new Regularizer[0];
      DemoFit.fit(model, nll, new TensorDataset(tr[0], tr[1], Map.of()), 32, epochs, 0.005, seed, regs);
      Tensor out = DemoFit.predict(model, te[0]);
      Metric pce = Catalog.create("pit_calibration_error", Metric.class);
      pce.update(out, new Batch(te[0], te[1]));
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("pce", pce.compute().get("pce"));
      row.put("test_nll", Calibration.gaussianNll(out, te[1], 1e-6).item());
      r.row(method, row);
    }
    return r;
  }
}
