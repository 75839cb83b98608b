package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Probabilistic calibration of regressors through the probability integral transform
 * {@code PIT_i = F_i(y_i)} (the predicted CDF at the observation; uniform on [0, 1] for a
 * calibrated model). Paper 77 ("A Large-Scale Study of Probabilistic Calibration in Neural
 * Network Regression"); the formulas are transcribed from its code
 * ({@code Vekteur/probabilistic-calibration-study}, {@code uq/models/regul/marginal_regul.py},
 * {@code uq/metrics/calibration.py}) and golden-tested against a PyTorch run of them. The
 * metric is {@code pit_calibration_error}, the training penalty {@code calibration_regularizer}.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * PIT of a Gaussian head: {@code Φ((y − μ)/σ)} with {@code μ = output[:, 0]} and
   * {@code σ = softplus(output[:, 1]) + minStd}. Differentiable in the output.
   *
   * <p>Shape: output [N, 2]; y [N] or [N, 1]; returns [N].
   */
  public static Tensor pitNormal(Tensor output, Tensor y, double minStd) {
    String op = "pit";
    Check.notNull(op, "output", output, "y", y);
    Check.floating(op, "output", output);
    if (output.dim() != 2 || output.size(1) != 2) {
      throw new IllegalArgumentException(op + ": a Gaussian head's output must be [N, 2] (mean, raw scale), got "
          + Check.shape(output));
    }
    Tensor t = y.dim() == 2 && y.size(1) == 1 ? y.squeeze(1) : y;
    if (t.dim() != 1 || t.size(0) != output.size(0)) {
      throw new IllegalArgumentException(op + ": y must be [" + output.size(0) + "], got " + Check.shape(y));
    }
    Tensor mu = output.select(1, 0), sigma = output.select(1, 1).softplus().add(minStd);
    return t.to(output.dtype()).sub(mu).div(sigma).mul(1 / Math.sqrt(2)).erf().add(1).mul(0.5);
  }

  /**
   * Negative log likelihood of the same Gaussian head, {@code log σ + (y − μ)²/(2σ²) + ½log 2π},
   * averaged over samples (the base loss the calibration regularizer is added to).
   */
  public static Tensor gaussianNll(Tensor output, Tensor y, double minStd) {
    Tensor t = y.dim() == 2 && y.size(1) == 1 ? y.squeeze(1) : y;
    Tensor mu = output.select(1, 0), sigma = output.select(1, 1).softplus().add(minStd);
    Tensor z = t.to(output.dtype()).sub(mu).div(sigma);
    return sigma.log().add(z.mul(z).mul(0.5)).add(0.5 * Math.log(2 * Math.PI)).mean();
  }

  /**
   * Quantile-based calibration error with a hard sort:
   * {@code mean_i |sort(PIT)_i − i/(n+1)|^L}, i = 1..n ({@code quantile_based_regul},
   * {@code quantile_calibration_from_pits_with_sorting}: the PCE the paper reports, with L = 1).
   * Differentiable through the sort. Reference value: PIT [0.1, 0.9, 0.4, 0.35, 0.8], L = 1
   * gives 0.076667.
   *
   * <p>Shape: pit [n]; returns a scalar.
   */
  public static Tensor quantileCalibration(Tensor pit, double l) {
    checkPit("quantile_calibration", pit, l);
    return sortedDeviation(pit.sort(0, false).values(), l);
  }

  /**
   * {@link #quantileCalibration} with the soft sort ({@link Isotonic#softSort}, strength ε) in
   * place of the sort: the reference's {@code neural_sort=True} (default ε = 0.1).
   */
  public static Tensor softQuantileCalibration(Tensor pit, double l, double strength) {
    checkPit("quantile_calibration", pit, l);
    return sortedDeviation(Isotonic.softSort(pit, strength, false), l);
  }

  private static Tensor sortedDeviation(Tensor sorted, double l) {
    int n = sorted.size(0);
    Tensor lin = Tensor.arange(1, n + 1, 1, sorted.dtype()).to(sorted.device()).div(n + 1);
    return sorted.sub(lin).abs().pow(l).mean();
  }

  /** The levels {@code α_j = (j + ½)/J}, j = 0..J−1 ({@code centered_bins}). */
  public static double[] centeredLevels(int levels) {
    if (levels < 1) throw new IllegalArgumentException("calibration: levels must be >= 1, got " + levels);
    double[] a = new double[levels];
    for (int j = 0; j < levels; j++) a[j] = (j + 0.5) / levels;
    return a;
  }

  /**
   * CDF-based calibration error {@code mean_j |p_j − α_j|^L} with
   * {@code p_j = mean_i 1[PIT_i ≤ α_j]} ({@code s} = NaN: the hard indicator, no gradient) or
   * its relaxation {@code p_j = mean_i sigmoid(s·(α_j − PIT_i))} ({@code cdf_based_regul_from_pit};
   * the regularizer's default s = 100, J = 100, L = 2). Reference value: PIT
   * [0.1, 0.9, 0.4, 0.35, 0.8], J = 4, L = 1, hard: 0.05.
   *
   * <p>Shape: pit [n]; returns a scalar.
   */
  public static Tensor cdfCalibration(Tensor pit, double l, double[] levels, double s) {
    checkPit("cdf_calibration", pit, l);
    if (levels == null || levels.length == 0) throw new IllegalArgumentException("cdf_calibration: no levels");
    Tensor alpha = Tensor.of(levels).to(pit.dtype()).to(pit.device()).unsqueeze(0);
    Tensor p = indicator(pit.unsqueeze(1), alpha, s).mean(new int[] {0}, false);
    return p.sub(alpha.squeeze(0)).abs().pow(l).mean();
  }

  /**
   * CDF-based calibration error of a quantile head: {@code p_k = mean_i 1[y_i ≤ q_ik]} (or the
   * sigmoid relaxation with s), error {@code mean_k |p_k − τ_k|^L}
   * ({@code cdf_based_regul_from_quantiles}).
   *
   * <p>Shape: quantiles [N, K] at levels taus (K values); y [N]; returns a scalar.
   */
  public static Tensor quantileHeadCalibration(Tensor quantiles, Tensor y, double[] taus, double l, double s) {
    String op = "cdf_calibration";
    Check.notNull(op, "quantiles", quantiles, "y", y, "taus", taus);
    if (quantiles.dim() != 2 || quantiles.size(1) != taus.length) {
      throw new IllegalArgumentException(op + ": quantiles must be [N, " + taus.length + "], got " + Check.shape(quantiles));
    }
    Tensor t = (y.dim() == 2 && y.size(1) == 1 ? y.squeeze(1) : y).to(quantiles.dtype());
    Tensor alpha = Tensor.of(taus).to(quantiles.dtype()).to(quantiles.device());
    Tensor p = indicator(t.unsqueeze(1), quantiles, s).mean(new int[] {0}, false);
    return p.sub(alpha).abs().pow(l).mean();
  }

  /** {@code 1[a ≤ b]} (s NaN) or {@code sigmoid(s·(b − a))}, the reference's {@code indicator}. */
  static Tensor indicator(Tensor a, Tensor b, double s) {
    if (Double.isNaN(s)) return a.le(b).to(a.dtype());
    return b.sub(a).mul(s).sigmoid();
  }

  private static void checkPit(String op, Tensor pit, double l) {
    if (pit == null) throw new IllegalArgumentException(op + ": pit is null");
    Check.floating(op, "pit", pit);
    if (pit.dim() != 1) throw new IllegalArgumentException(op + ": pit must be [n], got " + Check.shape(pit));
    if (!(l > 0) || !Double.isFinite(l)) throw new IllegalArgumentException(op + ": L must be > 0, got " + l);
  }
}
