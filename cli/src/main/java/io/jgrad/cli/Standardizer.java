package io.jgrad.cli;

import io.jgrad.tensor.Tensor;
import java.util.Locale;

/**
 * Feature standardization {@code z = (x - mean) / std}, per feature, with the mean and the
 * population standard deviation (ddof 0, as scikit-learn's StandardScaler) fitted on the
 * training split only; a constant feature (std below 1e-12 of its scale) keeps std 1. Saved with
 * the checkpoint (metadata {@code run.standardize.mean}, {@code run.standardize.std}) and applied
 * by {@code eval} and {@code predict} to their inputs. Shape: x [N, ...] with F features per
 * example, in and out.
 */
record Standardizer(double[] mean, double[] std) {
  Standardizer {
    if (mean.length != std.length) throw new IllegalArgumentException("standardization: " + mean.length + " means but " + std.length + " stds");
    for (double s : std) if (!(s > 0) || !Double.isFinite(s)) throw new IllegalArgumentException("standardization: std " + s + " is not positive");
  }

  /** Fits on the examples of {@code x} ([N, ...], float32), in double precision, in chunks of rows (two passes). */
  static Standardizer fit(Tensor x) {
    int n = x.shape()[0];
    int f = x.numel() / Math.max(1, n);
    double[] sum = new double[f], sq = new double[f];
    Tensor flat = x.reshape(n, f);
    for (int pass = 0; pass < 2; pass++) {
      for (int start = 0; start < n; start += 4096) {
        int len = Math.min(4096, n - start);
        float[] a = flat.narrow(0, start, len).toFloatArray();
        for (int r = 0; r < len; r++) {
          for (int j = 0; j < f; j++) {
            double v = a[r * f + j];
            if (pass == 0) sum[j] += v;
            else sq[j] += (v - sum[j]) * (v - sum[j]);
          }
        }
      }
      if (pass == 0) for (int j = 0; j < f; j++) sum[j] /= n;
    }
    double[] std = new double[f];
    for (int j = 0; j < f; j++) {
      double s = Math.sqrt(sq[j] / n);
      std[j] = s > 1e-12 * Math.max(1, Math.abs(sum[j])) ? s : 1;
    }
    return new Standardizer(sum, std);
  }

  int features() { return mean.length; }

  /** {@code (x - mean) / std} as a new float32 tensor of x's shape. */
  Tensor apply(Tensor x) {
    int n = x.shape()[0];
    int f = x.numel() / Math.max(1, n);
    if (f != mean.length) {
      throw new IllegalArgumentException("standardization: the model was fitted on " + mean.length + " features, this input has " + f);
    }
    float[] m = new float[f], inv = new float[f];
    for (int j = 0; j < f; j++) {
      m[j] = (float) mean[j];
      inv[j] = (float) (1 / std[j]);
    }
    try (Tensor mt = Tensor.fromArray(m, f); Tensor it = Tensor.fromArray(inv, f)) {
      return x.reshape(n, f).sub(mt).mul(it).reshape(x.shape());
    }
  }

  /** Comma-separated shortest round-trip decimals. */
  static String join(double[] v) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ",").append(Double.toString(v[i]));
    return sb.toString();
  }

  static double[] split(String key, String s, int expected) {
    String[] p = s.isEmpty() ? new String[0] : s.split(",");
    if (expected >= 0 && p.length != expected) {
      throw new IllegalArgumentException("checkpoint metadata " + key + " has " + p.length + " values, expected " + expected);
    }
    double[] v = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      try {
        v[i] = Double.parseDouble(p[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("checkpoint metadata " + key + ": '" + p[i] + "' is not a number");
      }
    }
    return v;
  }

  String describe() { return String.format(Locale.ROOT, "standardized (%d features, fitted on the training split)", mean.length); }
}
