package io.jgrad.cli.demo.dense;

import io.jgrad.cli.demo.CatalogDemo;
import io.jgrad.cli.demo.Claim;
import io.jgrad.cli.demo.Criterion;
import io.jgrad.cli.demo.DemoRun;
import io.jgrad.losses.LrQr;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LR-QR (paper 61) under covariate shift: conformal thresholds fitted on a source domain keep
 * their 90% coverage on a shifted target domain, using unlabelled target points, where split
 * conformal prediction calibrated on the source does not.
 */
final class LrQrDemo extends CatalogDemo {
  static final String LRQR = "lr_qr", SPLIT = "split_conformal";
  static final double ALPHA = 0.1;

  LrQrDemo() {
    super("lr_qr_threshold_fit",
        List.of("lr_qr_threshold_fit"),
        "dense_regression",
        "LR-QR thresholds vs split conformal under covariate shift, 90% target coverage",
        "synthetic conformal scores S = |ε|·(0.3 + x²) with ε ~ N(0, 1); source x ~ N(0, 1), target x ~ N(1, 0.8²). Per "
            + "seed: 1000 labelled source points, 1000 unlabelled source and 1000 unlabelled target points, 5000 labelled target "
            + "test points. Threshold class h(x) = γ·(x, x²) + b. lr_qr_threshold_fit with alpha 0.1, lambda 1 (of the order of "
            + "the paper's √((n2 + n3)/n1)), 2000 Adam steps; baseline: split conformal, the ⌈0.9·(n1 + 1)⌉-th smallest source "
            + "score as a constant threshold. Metrics on the target test set: coverage and coverage_error |coverage − 0.9|. "
            + "Smoke: 200 points each, 20 steps.",
        Claim.of("LR-QR keeps the target-domain coverage near 1 − α under covariate shift without estimating the likelihood "
                + "ratio, closer than split conformal calibrated on the source (paper 61)",
            Criterion.lower("coverage_error", LRQR, SPLIT), Criterion.atMost("coverage_error", LRQR, 0.03)));
  }

  static Tensor phi(Tensor x) { return Tensor.cat(List.of(x, x.mul(x)), 1); }

  static Tensor scores(Tensor x, Generator g) {
    return Tensor.randn(g, DType.FLOAT64, x.size(0)).abs().mul(x.squeeze(1).pow(2).add(0.3));
  }

  @Override
  public DemoRun run(long seed, boolean smoke) {
    int n = smoke ? 200 : 1000, nTest = smoke ? 200 : 5000, steps = smoke ? 20 : 2000;
    Generator g = new Generator(3000 + seed);
    Tensor xs = Tensor.randn(g, DType.FLOAT64, n, 1), xu = Tensor.randn(g, DType.FLOAT64, n, 1);
    Tensor xt = Tensor.randn(g, DType.FLOAT64, n, 1).mul(0.8).add(1), xTest = Tensor.randn(g, DType.FLOAT64, nTest, 1).mul(0.8).add(1);
    Tensor s = scores(xs, g), sTest = scores(xTest, g);
    LrQr.Fitter fit = Catalog.create("lr_qr_threshold_fit:alpha=" + ALPHA + ",lambda=1,steps=" + steps, LrQr.Fitter.class);
    LrQr.Threshold th = fit.fit(phi(xs), s, phi(xt), phi(xu));
    double covLrqr = th.covers(phi(xTest), sTest).to(DType.FLOAT64).mean().item();
    double[] sorted = s.toDoubleArray();
    Arrays.sort(sorted);
    double q = sorted[Math.min(n - 1, (int) Math.ceil((1 - ALPHA) * (n + 1)) - 1)];
    double covSplit = sTest.le(q).to(DType.FLOAT64).mean().item();
    DemoRun r = new DemoRun();
    r.row(LRQR, row(covLrqr));
    r.row(SPLIT, row(covSplit));
    return r;
  }

  private static Map<String, Double> row(double cov) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("coverage", cov);
    m.put("coverage_error", Math.abs(cov - (1 - ALPHA)));
    return m;
  }
}
