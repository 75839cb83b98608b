package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Further regression losses from paper 51 ("A Comprehensive Survey of Regression Based Loss
 * Functions for Time Series Forecasting"): RMSE, log-cosh, MAPE, MSLE and RMSLE (the pinball loss
 * is {@link QuantileLosses#pinball}; MSE, L1, Huber and smooth L1 are in {@link Losses}). The
 * survey's reference code trains with the Keras losses of the same names
 * ({@code aryan-jadon/Regression-Loss-Functions-in-Time-Series-Forecasting-Tensorflow}), so the
 * Keras semantics (its ε clamps) are the ones golden-tested. {@code r = input − target}.
 *
 * <p>Shapes: input and target any equal shapes. The elementwise losses (log-cosh, MAPE, MSLE)
 * take a {@link Reduction}; RMSE and RMSLE are roots of a mean over every element and return a
 * scalar.
 */
public final class RegressionExtLosses {
  private RegressionExtLosses() {}

  private static void pair(String op, Tensor input, Tensor target) {
    Check.notNull(op, "input", input, "target", target);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
  }

  private static void checkEps(String op, double eps) {
    if (!(eps >= 0) || !Double.isFinite(eps)) throw new IllegalArgumentException(op + ": eps must be >= 0, got " + eps);
  }

  /**
   * Root mean squared error {@code √(mean(r²) + ε)}; ε (default 1e-12) keeps the gradient finite
   * at a perfect fit (where √ has an infinite slope). A scalar.
   */
  public static Tensor rmse(Tensor input, Tensor target, double eps) {
    String op = "regression_losses_ext(rmse)";
    pair(op, input, target);
    checkEps(op, eps);
    Tensor r = input.sub(target);
    return r.mul(r).mean().add(eps).sqrt();
  }

  /**
   * Log-cosh {@code log(cosh(r))} in the overflow-free form {@code |r| + softplus(−2|r|) − log 2}
   * (Keras {@code LogCosh} writes it with r instead of |r|: the same function). ≈ r²/2 near 0
   * and |r| − log 2 far away.
   */
  public static Tensor logCosh(Tensor input, Tensor target, Reduction reduction) {
    String op = "regression_losses_ext(log_cosh)";
    pair(op, input, target);
    Check.notNull(op, "reduction", reduction);
    Tensor a = input.sub(target).abs();
    return Check.reduce(a.add(a.mul(-2).softplus()).sub(Math.log(2)), reduction);
  }

  /**
   * Mean absolute percentage error, Keras {@code MeanAbsolutePercentageError}:
   * {@code 100·|target − input| / max(|target|, ε)} with ε = 1e-7 (Keras {@code epsilon()}).
   */
  public static Tensor mape(Tensor input, Tensor target, double eps, Reduction reduction) {
    String op = "regression_losses_ext(mape)";
    pair(op, input, target);
    checkEps(op, eps);
    Check.notNull(op, "reduction", reduction);
    Tensor denom = target.abs().clampMin(eps);
    return Check.reduce(target.sub(input).abs().div(denom).mul(100), reduction);
  }

  /**
   * Mean squared logarithmic error, Keras {@code MeanSquaredLogarithmicError}:
   * {@code (log(1 + max(input, ε)) − log(1 + max(target, ε)))²} with ε = 1e-7; negative values
   * are clamped to ε (zero gradient there, as Keras).
   */
  public static Tensor msle(Tensor input, Tensor target, double eps, Reduction reduction) {
    String op = "regression_losses_ext(msle)";
    pair(op, input, target);
    checkEps(op, eps);
    Check.notNull(op, "reduction", reduction);
    Tensor d = input.clampMin(eps).log1p().sub(target.clampMin(eps).log1p());
    return Check.reduce(d.mul(d), reduction);
  }

  /**
   * Root mean squared logarithmic error {@code √(mean MSLE)}, as the survey code's
   * {@code RootMeanSquaredLogarithmicError} (the same ε clamps as {@link #msle}); the root's
   * argument gets {@code rootEps} (default 1e-12) for a finite gradient at a perfect fit.
   */
  public static Tensor rmsle(Tensor input, Tensor target, double eps, double rootEps) {
    String op = "regression_losses_ext(rmsle)";
    checkEps(op, rootEps);
    return msle(input, target, eps, Reduction.MEAN).add(rootEps).sqrt();
  }
}
