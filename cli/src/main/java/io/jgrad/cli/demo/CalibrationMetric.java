package io.jgrad.cli.demo;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Classification measurements for demos, over batches of logits [B, C] and int64 labels:
 * {@code accuracy}, {@code nll} (mean cross entropy, unsmoothed), {@code confidence} (mean
 * max-probability) and {@code ece}: the expected calibration error with 15 equal-width bins of
 * the max-probability, (lo, hi] as the ACLS reference code, {@code sum_b (n_b / N) |acc_b - conf_b|}.
 * (A demo-side yardstick; the catalog's expected_calibration_error component is separate.)
 */
public final class CalibrationMetric implements Metric {
  static final int BINS = 15;
  private final double[] count = new double[BINS], correct = new double[BINS], conf = new double[BINS];
  private double nll;
  private long n;

  @Override
  public void update(Tensor output, Batch batch) {
    Tensor logp = output.to(DType.FLOAT64).logSoftmax(1);
    double[] lp = logp.toDoubleArray();
    long[] y = batch.y().toLongArray();
    int c = output.shape()[1];
    for (int i = 0; i < y.length; i++) {
      int arg = 0;
      for (int k = 1; k < c; k++) if (lp[i * c + k] > lp[i * c + arg]) arg = k;
      double p = Math.exp(lp[i * c + arg]);
      int bin = Math.min(BINS - 1, Math.max(0, (int) Math.ceil(p * BINS) - 1));
      count[bin]++;
      conf[bin] += p;
      if (arg == y[i]) correct[bin]++;
      nll -= lp[i * c + (int) y[i]];
      n++;
    }
  }

  @Override
  public Map<String, Double> compute() {
    double ece = 0, acc = 0, meanConf = 0;
    for (int b = 0; b < BINS; b++) {
      if (count[b] == 0) continue;
      ece += count[b] / n * Math.abs(correct[b] / count[b] - conf[b] / count[b]);
      acc += correct[b];
      meanConf += conf[b];
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", acc / n);
    m.put("nll", nll / n);
    m.put("ece", ece);
    m.put("confidence", meanConf / n);
    return m;
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(count, 0);
    java.util.Arrays.fill(correct, 0);
    java.util.Arrays.fill(conf, 0);
    nll = 0;
    n = 0;
  }
}
