package io.jgrad.cli;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jgrad train --task regression} (and its {@code eval}): a CSV with float targets
 * ({@code --label-column N}, default the last, or several with {@code --target-columns i,j}; read
 * by {@link CsvTable} with the run's missing-value policy and feature standardization), an
 * MLP with one output per target ({@code --outputs K} overrides it; a {@code pinball_loss} with
 * several {@code taus} gets one output per level), any regression loss of the registry
 * ({@code --loss}, default {@code mse}) and the test set's regression metrics
 * ({@code regression_error_metrics}: RMSE, MAE, R², ...; with quantile heads also the coverage
 * of each level from {@code pit_calibration_error}).
 */
final class RegressionTask {
  static final String DEFAULT_LOSS = "mse";

  private RegressionTask() {}

  /**
   * The target columns: {@code --target-columns i,j} or, without it, {@code --label-column} (default
   * -1, the last); each a 0-based index (negative from the end) or, with --header, a column name.
   */
  static List<Object> targetColumns(Options o) {
    String spec = o.has("target-columns") ? o.str("target-columns", "") : o.str("label-column", "-1");
    List<Object> cols = new ArrayList<>();
    for (String part : spec.split("[,;]")) {
      String p = part.trim();
      if (p.isEmpty()) throw new IllegalArgumentException("--target-columns must be columns like 3,4 (0-based, negative from the end) or names, got '" + spec + "'");
      try {
        cols.add(Integer.parseInt(p));
      } catch (NumberFormatException e) {
        cols.add(p);
      }
    }
    return cols;
  }

  /** The model kind a regression takes. */
  static void checkModel(String kind) {
    if (!kind.equals("mlp")) throw new IllegalArgumentException("--task regression uses --model mlp (tabular features), got '" + kind + "'");
  }

  /** A regression run's dataset: a CSV. */
  static void checkDataset(String dataset) {
    if (!dataset.equals("csv")) {
      throw new IllegalArgumentException("--task regression reads a CSV: pass --dataset csv --train F --test F (got --dataset " + dataset + ")");
    }
  }

  /** Outputs: --outputs, else one per pinball level (one target), else one per target. */
  static int outputs(Options o, Components c, int targets) {
    if (o.has("outputs")) return o.positiveInt("outputs", 1);
    double[] taus = taus(c);
    if (taus != null && taus.length > 1) {
      if (targets != 1) throw new IllegalArgumentException("--loss pinball_loss with several taus needs one target, got " + targets);
      return taus.length;
    }
    return targets;
  }

  /** The quantile levels of a pinball_loss, or null for another loss. */
  static double[] taus(Components c) {
    return c.loss().id().equals("pinball_loss") ? c.loss().ds("taus") : null;
  }

  /** The model for regression: the MLP of {@code spec}, its [N, 1] output flattened to [N] for one target. */
  static Module model(ModelSpec spec, int targets, long seed) {
    Module m = spec.build(seed);
    return spec.outputs() == 1 && targets == 1 ? new Sequential(m, new Flatten(0, -1)) : m;
  }

  /** The test metrics: regression_error_metrics (on the median head of a quantile model) and the heads' coverage. */
  static Metric[] metrics(Components c, int outputs, int targets) {
    double[] taus = taus(c);
    int column = 0;
    if (taus != null && taus.length == outputs) {
      for (int k = 0; k < taus.length; k++) if (Math.abs(taus[k] - 0.5) < Math.abs(taus[column] - 0.5)) column = k;
    }
    Metric errors = Catalog.create("regression_error_metrics:column=" + column, Metric.class);
    if (taus == null || taus.length != outputs || targets != 1) return new Metric[] {errors};
    StringBuilder t = new StringBuilder();
    for (double v : taus) t.append(t.length() == 0 ? "" : ";").append(v);
    return new Metric[] {errors, Catalog.create("pit_calibration_error:dist=quantiles,taus=" + t, Metric.class)};
  }

  /** Loss and the regression metrics of {@code model} on {@code data}, in one evaluation pass (the optimizer is never stepped). */
  static Metrics evaluate(Module model, Components c, int outputs, int targets, TensorDataset data, Device device) {
    try (DataLoader dl = DataLoader.builder(data, 256).device(device).build()) {
      return Trainer.builder(model, new SGD(model.parameters(), 0.1), c.objective()).metrics(metrics(c, outputs, targets)).build().evaluate(dl);
    }
  }

  /** "rmse 0.5123, mae 0.4011, r2 0.8712 (loss 0.2624)" plus the coverages of quantile heads. */
  static String summary(Metrics m, String lossName) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "rmse %.4f, mae %.4f, r2 %.4f, mape %.2f%%, mbe %.4f", m.value("rmse"),
        m.value("mae"), m.value("r2"), m.value("mape"), m.value("mbe")));
    for (var e : m.values().entrySet()) {
      if (e.getKey().startsWith("coverage_")) sb.append(String.format(Locale.ROOT, ", %s %.3f", e.getKey(), e.getValue()));
    }
    sb.append(String.format(Locale.ROOT, " (loss %.4f, %s)", m.loss(), lossName));
    return sb.toString();
  }

  /** Writes one CSV row per test example: the targets, then the model's outputs. */
  static void writePredictions(Module model, TensorDataset test, Device device, Path file) throws IOException {
    model.train(false);
    Tensor out;
    try (var off = Grad.disabled()) {
      out = model.call(test.features().to(device)).to(Device.CPU).to(DType.FLOAT64);
    }
    Tensor y = test.labels().to(DType.FLOAT64);
    int n = y.shape()[0], t = y.dim() == 1 ? 1 : y.shape()[1], k = out.dim() == 1 ? 1 : out.shape()[1];
    double[] yv = y.toDoubleArray(), ov = out.toDoubleArray();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> head = new ArrayList<>();
      for (int j = 0; j < t; j++) head.add(t == 1 ? "target" : "target_" + j);
      for (int j = 0; j < k; j++) head.add(k == 1 ? "prediction" : "output_" + j);
      w.write(String.join(",", head) + "\n");
      for (int i = 0; i < n; i++) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < t; j++) sb.append(j == 0 ? "" : ",").append(yv[i * t + j]);
        for (int j = 0; j < k; j++) sb.append(',').append(ov[i * k + j]);
        w.write(sb.append('\n').toString());
      }
    }
  }

}
