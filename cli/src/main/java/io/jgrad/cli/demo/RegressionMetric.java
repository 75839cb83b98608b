package io.jgrad.cli.demo;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mean squared and mean absolute error of float outputs against float targets of the same shape, over batches. */
public final class RegressionMetric implements Metric {
  private double se, ae;
  private long n;

  @Override
  public void update(Tensor output, Batch batch) {
    double[] o = output.to(DType.FLOAT64).toDoubleArray(), y = batch.y().to(DType.FLOAT64).toDoubleArray();
    if (o.length != y.length) throw new IllegalArgumentException("RegressionMetric: " + o.length + " outputs for " + y.length + " targets");
    for (int i = 0; i < o.length; i++) {
      double d = o[i] - y[i];
      se += d * d;
      ae += Math.abs(d);
    }
    n += o.length;
  }

  @Override
  public Map<String, Double> compute() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mse", se / n);
    m.put("mae", ae / n);
    return m;
  }

  @Override
  public void reset() {
    se = 0;
    ae = 0;
    n = 0;
  }
}
