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
import io.jgrad.nn.Tanh;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pinball-loss quantile heads (paper 61) on heteroscedastic 1-D data: the τ = 0.1 and 0.9 heads
 * should cover 10% and 90% of fresh targets; their PIT calibration error (paper 77) is reported,
 * against a mean regressor (MSE) with a constant Gaussian band fitted the same way.
 */
final class QuantileDemo extends CatalogDemo {
  static final String PINBALL = "pinball_loss", MSE = "mse_gaussian_band";
  static final double Z90 = 1.2815515655446004;

  QuantileDemo() {
    super("pinball_loss",
        List.of("pinball_loss", "pit_calibration_error"),
        "dense_regression",
        "τ = 0.1/0.5/0.9 pinball heads vs an MSE mean with a constant Gaussian band, heteroscedastic 1-D data",
        "synthetic: x ~ U(-1, 1), y = sin(3x) + s(x)·N(0, 1) with s(x) = 0.05 + 0.25(x + 1) (noise sd 0.05 to 0.55); 2000 "
            + "training and 4000 test points per seed. MLP 1-32-32-k with tanh, Adam lr 0.01, batch 64, 60 epochs, the same "
            + "initial weights of the shared layers and shuffling: pinball_loss:taus=0.1;0.5;0.9 (k = 3) against mse (k = 1) whose "
            + "band is mean ± 1.2816·(training residual sd). Metrics on the test set: coverage_0.1 and coverage_0.9 (fraction of y "
            + "below the head), pce_cdf (pit_calibration_error over the levels 0.1/0.5/0.9), pce (the sorted-PIT error of "
            + "Φ((y − μ)/σ), defined for the Gaussian band only: NaN for the heads) and bin_gap, the mean over x-quartiles of |coverage of [q0.1, q0.9] − 0.8|. Bands of seed 1: "
            + "![bands](dense_regression-pinball_loss-bands.png). Smoke: 256 points, 2 epochs.",
        Claim.of("Pinball-loss heads estimate conditional quantiles: the τ = 0.1 and τ = 0.9 heads cover 10% and 90% of "
                + "test targets within ±0.02 (paper 61's quantile regression; calibration measured as in paper 77)",
            Criterion.atLeast("coverage_0.1", PINBALL, 0.08), Criterion.atMost("coverage_0.1", PINBALL, 0.12),
            Criterion.atLeast("coverage_0.9", PINBALL, 0.88), Criterion.atMost("coverage_0.9", PINBALL, 0.92)));
  }

  static Tensor[] data(int n, long seed) {
    Generator g = new Generator(seed);
    Tensor x = Tensor.rand(g, DType.FLOAT32, n, 1).mul(2).sub(1);
    Tensor s = x.add(1).mul(0.25).add(0.05);
    Tensor y = x.mul(3).sin().add(s.mul(Tensor.randn(g, n, 1))).squeeze(1);
    return new Tensor[] {x, y};
  }

  static Module mlp(long seed, int out) {
    Generator g = new Generator(seed);
    Module trunk1 = new Linear(1, 32, true, g), trunk2 = new Linear(32, 32, true, g);
    Module head = new Linear(32, out, true, new Generator(seed + 77));
    // one output: flatten [N, 1] to [N], the targets' shape
    return out == 1 ? new Sequential(trunk1, new Tanh(), trunk2, new Tanh(), head, new Flatten(0, -1))
        : new Sequential(trunk1, new Tanh(), trunk2, new Tanh(), head);
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int nTrain = smoke ? 256 : 2000, nTest = smoke ? 256 : 4000, epochs = smoke ? 2 : 60;
    Tensor[] tr = data(nTrain, 300 + seed), te = data(nTest, 700 + seed);
    TensorDataset ds = new TensorDataset(tr[0], tr[1], Map.of());
    DemoRun r = new DemoRun();
    Module q = mlp(seed, 3);
    DemoFit.fit(q, Catalog.create("pinball_loss:taus=0.1;0.5;0.9", Objective.class), ds, 64, epochs, 0.01, seed);
    Tensor qTest = DemoFit.predict(q, te[0]);
    Metric pce = Catalog.create("pit_calibration_error:dist=quantiles,taus=0.1;0.5;0.9", Metric.class);
    pce.update(qTest, new Batch(te[0], te[1]));
    Map<String, Double> m = pce.compute();
    Map<String, Double> row = new LinkedHashMap<>();
    row.put("coverage_0.1", m.get("coverage_0.1"));
    row.put("coverage_0.9", m.get("coverage_0.9"));
    row.put("pce_cdf", m.get("pce_cdf"));
    row.put("pce", Double.NaN);
    row.put("bin_gap", binGap(te[0], te[1], qTest.select(1, 0), qTest.select(1, 2)));
    r.row(PINBALL, row);

    Module mean = mlp(seed, 1);
    DemoFit.fit(mean, Catalog.create("mse", Objective.class), ds, 64, epochs, 0.01, seed);
    double sigma = DemoFit.predict(mean, tr[0]).sub(tr[1]).std().item();
    Tensor mu = DemoFit.predict(mean, te[0]);
    Tensor lo = mu.sub(Z90 * sigma), hi = mu.add(Z90 * sigma);
    Tensor band = Tensor.stack(List.of(lo, mu, hi), 1);
    Metric bandPce = Catalog.create("pit_calibration_error:dist=quantiles,taus=0.1;0.5;0.9", Metric.class);
    bandPce.update(band, new Batch(te[0], te[1]));
    Map<String, Double> bm = bandPce.compute();
    Tensor gauss = Tensor.stack(List.of(mu, Tensor.fullLike(mu, Math.log(Math.expm1(sigma)))), 1);
    Metric pit = Catalog.create("pit_calibration_error:dist=normal", Metric.class);
    pit.update(gauss, new Batch(te[0], te[1]));
    Map<String, Double> brow = new LinkedHashMap<>();
    brow.put("coverage_0.1", bm.get("coverage_0.1"));
    brow.put("coverage_0.9", bm.get("coverage_0.9"));
    brow.put("pce_cdf", bm.get("pce_cdf"));
    brow.put("pce", pit.compute().get("pce"));
    brow.put("bin_gap", binGap(te[0], te[1], lo, hi));
    r.row(MSE, brow);
    if (!smoke && seed == 1) plot(q, mean, sigma, te);
    return r;
  }

  /** Mean over the x-quartiles of |fraction of y in [lo, hi] − 0.8|. */
  static double binGap(Tensor x, Tensor y, Tensor lo, Tensor hi) {
    double[] xv = x.flatten().to(DType.FLOAT64).toDoubleArray(), yv = y.to(DType.FLOAT64).toDoubleArray();
    double[] l = lo.to(DType.FLOAT64).toDoubleArray(), h = hi.to(DType.FLOAT64).toDoubleArray();
    double[] in = new double[4], n = new double[4];
    for (int i = 0; i < xv.length; i++) {
      int b = Math.min(3, (int) ((xv[i] + 1) / 0.5));
      n[b]++;
      if (yv[i] >= l[i] && yv[i] <= h[i]) in[b]++;
    }
    double gap = 0;
    for (int b = 0; b < 4; b++) gap += Math.abs(in[b] / Math.max(1, n[b]) - 0.8) / 4;
    return gap;
  }

  private static void plot(Module q, Module mean, double sigma, Tensor[] te) {
    int k = 200;
    double[] grid = new double[k];
    for (int i = 0; i < k; i++) grid[i] = -1 + 2.0 * i / (k - 1);
    Tensor gx = Tensor.of(grid).to(DType.FLOAT32).reshape(k, 1);
    Tensor qg = DemoFit.predict(q, gx).to(DType.FLOAT64);
    double[] mu = DemoFit.predict(mean, gx).to(DType.FLOAT64).flatten().toDoubleArray();
    Map<String, double[]> curves = new LinkedHashMap<>();
    curves.put("pinball q0.1", qg.select(1, 0).toDoubleArray());
    curves.put("pinball q0.9", qg.select(1, 2).toDoubleArray());
    double[] blo = new double[k], bhi = new double[k], tlo = new double[k], thi = new double[k];
    for (int i = 0; i < k; i++) {
      blo[i] = mu[i] - Z90 * sigma;
      bhi[i] = mu[i] + Z90 * sigma;
      double s = 0.05 + 0.25 * (grid[i] + 1), m = Math.sin(3 * grid[i]);
      tlo[i] = m - Z90 * s;
      thi[i] = m + Z90 * s;
    }
    curves.put("MSE mean ± 1.28 sd (low)", blo);
    curves.put("MSE mean ± 1.28 sd (high)", bhi);
    curves.put("true q0.1", tlo);
    curves.put("true q0.9", thi);
    int n = Math.min(1500, te[0].size(0));
    ScatterBands.write("heteroscedastic test points and 10%/90% bands (seed 1)",
        te[0].narrow(0, 0, n).flatten().to(DType.FLOAT64).toDoubleArray(), te[1].narrow(0, 0, n).to(DType.FLOAT64).toDoubleArray(),
        grid, curves, SegmentationDemo.docs("dense_regression-pinball_loss-bands.png"));
  }
}
