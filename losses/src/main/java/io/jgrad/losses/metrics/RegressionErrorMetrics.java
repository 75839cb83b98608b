package io.jgrad.losses.metrics;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Regression error metrics over every element seen (predictions and targets flattened), with
 * {@code r = y − ŷ} and {@code ȳ} the mean target. Paper 51 ("A Comprehensive Survey of Regression
 * Based Loss Functions for Time Series Forecasting") for MBE, RAE, RSE, NRMSE and RRMSE, whose
 * definitions vary between sources, so the varying parts are parameters:
 * <ul>
 *   <li>mse {@code mean r²}; rmse {@code √mse}; mae {@code mean |r|};
 *       mape {@code 100·mean |r|/max(|y|, 1e-7)} (Keras);</li>
 *   <li>r2 {@code 1 − Σr²/Σ(y − ȳ)²} (sklearn's r2_score; NaN for a constant target);</li>
 *   <li>mbe {@code mean(y − ŷ)} (positive: the model under-predicts; the survey code's sign);</li>
 *   <li>rae {@code Σ|r| / Σ|y − ȳ|}; rse {@code Σr² / Σ(y − ȳ)²} (= 1 − r2; the survey code's
 *       RSE divides Σr² by itself, a bug not reproduced);</li>
 *   <li>nrmse {@code rmse / normaliser} with normaliser "std" (population std of y, default),
 *       "mean" (mean of y), "range" (max − min of y) or "pred_std" (std of ŷ, the survey code);</li>
 *   <li>rrmse "pred" {@code √(Σr² / Σŷ²)} (the survey code, default) or "mean" {@code rmse / ȳ}.</li>
 * </ul>
 * A model with k > 1 outputs against a [N] target (a quantile or Gaussian head) is scored on
 * column {@code column} (default 0, the mean or the first quantile).
 */
public final class RegressionErrorMetrics implements Metric {
  private final String normaliser, rrmse;
  private final int column;
  private double[] y = new double[64], p = new double[64];
  private int n;

  public RegressionErrorMetrics(String normaliser, String rrmse, int column) {
    String op = "regression_error_metrics";
    if (!java.util.List.of("std", "mean", "range", "pred_std").contains(normaliser)) {
      throw new IllegalArgumentException(op + ": nrmse_normaliser must be std, mean, range or pred_std, got '" + normaliser + "'");
    }
    if (!rrmse.equals("pred") && !rrmse.equals("mean")) {
      throw new IllegalArgumentException(op + ": rrmse must be pred or mean, got '" + rrmse + "'");
    }
    if (column < 0) throw new IllegalArgumentException(op + ": column must be >= 0, got " + column);
    this.normaliser = normaliser;
    this.rrmse = rrmse;
    this.column = column;
  }

  /** Defaults: nrmse by the target's std, rrmse as the survey code, column 0. */
  public RegressionErrorMetrics() { this("std", "pred", 0); }

  @Override
  public void update(Tensor output, Batch batch) {
    Tensor target = batch.y();
    if (target == null) throw new IllegalArgumentException("regression_error_metrics: the batch has no targets");
    Tensor out = output;
    if (out.dim() == 2 && out.size(1) > 1 && (target.dim() == 1 || target.dim() == 2 && target.size(1) == 1)) {
      if (column >= out.size(1)) {
        throw new IllegalArgumentException("regression_error_metrics: column " + column + " out of range for output "
            + java.util.Arrays.toString(out.shape()));
      }
      out = out.select(1, column);
    }
    double[] a = target.detach().to(DType.FLOAT64).toDoubleArray(), b = out.detach().to(DType.FLOAT64).toDoubleArray();
    if (a.length != b.length) {
      throw new IllegalArgumentException("regression_error_metrics: output " + java.util.Arrays.toString(output.shape())
          + " and target " + java.util.Arrays.toString(target.shape()) + " have different sizes");
    }
    while (n + a.length > y.length) {
      y = java.util.Arrays.copyOf(y, y.length * 2);
      p = java.util.Arrays.copyOf(p, p.length * 2);
    }
    System.arraycopy(a, 0, y, n, a.length);
    System.arraycopy(b, 0, p, n, b.length);
    n += a.length;
  }

  @Override
  public Map<String, Double> compute() {
    return compute(java.util.Arrays.copyOf(y, n), java.util.Arrays.copyOf(p, n), normaliser, rrmse);
  }

  @Override
  public void reset() { n = 0; }

  /** The metrics of targets {@code y} and predictions {@code p}, by name (NaN where undefined). */
  public static Map<String, Double> compute(double[] y, double[] p, String normaliser, String rrmse) {
    int n = y.length;
    double sr = 0, sa = 0, s2 = 0, sy = 0, sp = 0, sp2 = 0, ape = 0, ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double r = y[i] - p[i];
      sr += r;
      sa += Math.abs(r);
      s2 += r * r;
      sy += y[i];
      sp += p[i];
      sp2 += p[i] * p[i];
      ape += Math.abs(r) / Math.max(Math.abs(y[i]), 1e-7);
      ymin = Math.min(ymin, y[i]);
      ymax = Math.max(ymax, y[i]);
    }
    double ybar = sy / n, pbar = sp / n, dev2 = 0, devAbs = 0, pdev2 = 0;
    for (int i = 0; i < n; i++) {
      dev2 += (y[i] - ybar) * (y[i] - ybar);
      devAbs += Math.abs(y[i] - ybar);
      pdev2 += (p[i] - pbar) * (p[i] - pbar);
    }
    double mse = s2 / n, rmse = Math.sqrt(mse);
    double norm = switch (normaliser) {
      case "mean" -> ybar;
      case "range" -> ymax - ymin;
      case "pred_std" -> Math.sqrt(pdev2 / n);
      default -> Math.sqrt(dev2 / n);
    };
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mse", mse);
    m.put("rmse", rmse);
    m.put("mae", sa / n);
    m.put("mape", 100 * ape / n);
    m.put("r2", 1 - s2 / dev2);
    m.put("mbe", sr / n);
    m.put("rae", sa / devAbs);
    m.put("rse", s2 / dev2);
    m.put("nrmse", rmse / norm);
    m.put("rrmse", rrmse.equals("mean") ? rmse / ybar : Math.sqrt(s2 / sp2));
    return m;
  }
}
