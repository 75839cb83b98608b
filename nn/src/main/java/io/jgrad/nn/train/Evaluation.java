package io.jgrad.nn.train;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evaluation pass of {@link Trainer#evaluate} and the one-transfer read-back of a step's loss and correct count. */
final class Evaluation {
  private Evaluation() {}

  /** Loss, accuracy and metrics over {@code data}; the caller sets eval mode. */
  static Metrics run(Module model, Objective objective, List<Metric> metrics, DataLoader data, Device device) {
    for (Metric m : metrics) m.reset();
    double lossSum = 0;
    double correct = 0;
    long n = 0;
    try (var off = Grad.disabled(); DataLoader.BatchIterator it = data.iterator()) {
      while (it.hasNext()) {
        try (Batch b = it.next().to(device); TensorScope scope = TensorScope.open()) {
          Tensor out = model.call(b.x());
          double[] lossCorrect = lossAndCorrect(objective.loss(out, b), out, b.y());
          for (Metric m : metrics) m.update(out, b);
          int bs = b.size();
          lossSum += lossCorrect[0] * bs;
          correct += lossCorrect[1];
          n += bs;
        }
      }
    }
    if (n == 0) return new Metrics(Double.NaN, Double.NaN, 0);
    return new Metrics(lossSum / n, correct / n, n, metricValues(metrics));
  }

  private static Map<String, Double> metricValues(List<Metric> metrics) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Metric m : metrics) {
      for (var e : m.compute().entrySet()) {
        if (values.put(e.getKey(), e.getValue()) != null) {
          throw new IllegalStateException("Trainer.evaluate: two metrics report a value named '" + e.getKey() + "'");
        }
      }
    }
    return values;
  }

  /** {loss, correct count (NaN when not a classification)} read back in one transfer. */
  static double[] lossAndCorrect(Tensor loss, Tensor out, Tensor y) {
    try (var off = Grad.disabled()) {
      if (loss.numel() != 1) loss.item(); // the usual error for a non-scalar loss
      Tensor l = loss.detach().to(DType.FLOAT64).reshape(1);
      if (out == null || y == null || out.dim() != 2 || y.dim() != 1 || y.dtype() != DType.INT64 || out.shape()[0] != y.shape()[0]) {
        return new double[] {l.item(), Double.NaN};
      }
      Tensor c = out.argmax(1, false).eq(y).sum().to(DType.FLOAT64).reshape(1);
      return Tensor.cat(List.of(l, c), 0).toDoubleArray();
    }
  }
}
