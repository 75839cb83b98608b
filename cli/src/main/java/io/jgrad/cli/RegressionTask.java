package io.jgrad.cli;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Metrics;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code jgrad train --task regression} (and its {@code eval}): a CSV with float targets
 * ({@code --label-column N}, default the last, or several with {@code --target-columns i,j}), an
 * MLP with one output per target ({@code --outputs K} overrides it; a {@code pinball_loss} with
 * several {@code taus} gets one output per level), any regression loss of the registry
 * ({@code --loss}, default {@code mse}) and the test set's regression metrics
 * ({@code regression_error_metrics}: RMSE, MAE, R², ...; with quantile heads also the coverage
 * of each level from {@code pit_calibration_error}).
 */
final class RegressionTask {
  static final String DEFAULT_LOSS = "mse";

  private RegressionTask() {}

  /** Train and test sets with float targets [N] (one target) or [N, T]. */
  static DataSources.Data load(Options o, boolean needTrain) {
    String ds = o.str("dataset", "csv");
    if (!ds.equalsIgnoreCase("csv")) {
      throw new IllegalArgumentException("--task regression reads a CSV: pass --dataset csv --train F --test F (got --dataset " + ds + ")");
    }
    boolean header = o.flag("header");
    TensorDataset train = needTrain ? read(file(o, "train"), o, header) : null;
    TensorDataset test = read(file(o, "test"), o, header);
    int f = test.features().shape()[1];
    if (train != null && train.features().shape()[1] != f) {
      throw new IllegalArgumentException("CSV " + o.str("test", "") + " has " + f + " features per row but " + o.str("train", "")
          + " has " + train.features().shape()[1]);
    }
    return new DataSources.Data("csv (regression, " + targets(test) + " target" + (targets(test) == 1 ? "" : "s") + ")", train,
        test, new int[] {f}, 0);
  }

  static int targets(TensorDataset d) { return d.labels().dim() == 1 ? 1 : d.labels().shape()[1]; }

  private static Path file(Options o, String key) {
    if (!o.has(key)) throw new IllegalArgumentException("--task regression needs --" + key + " FILE");
    Path p = Path.of(o.str(key, ""));
    if (!Files.isRegularFile(p)) throw new IllegalArgumentException("--" + key + ": file not found: " + p);
    return p;
  }

  /** The 0-based target columns of a table with {@code fields} columns. */
  static int[] targetColumns(Options o, int fields) {
    String spec = o.has("target-columns") ? o.str("target-columns", "") : Integer.toString(o.integer("label-column", -1));
    String[] parts = spec.split("[,;\\s]+");
    int[] cols = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      int c;
      try {
        c = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--target-columns must be column numbers like 3,4 (0-based, negative from the end), got '" + spec + "'");
      }
      int k = c < 0 ? fields + c : c;
      if (k < 0 || k >= fields) throw new IllegalArgumentException("target column " + c + " out of range for " + fields + " fields");
      for (int j = 0; j < i; j++) if (cols[j] == k) throw new IllegalArgumentException("target column " + c + " given twice");
      cols[i] = k;
    }
    if (cols.length >= fields) throw new IllegalArgumentException("every one of the " + fields + " columns is a target: no features left");
    return cols;
  }

  static TensorDataset read(Path file, Options o, boolean header) {
    List<float[]> rows = new ArrayList<>();
    int fields = -1, lineNo = 0;
    boolean skip = header;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] parts = line.split(",", -1);
        if (fields < 0) fields = parts.length;
        else if (parts.length != fields) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + fields + " fields, found " + parts.length);
        }
        if (skip) {
          skip = false;
          continue;
        }
        float[] v = new float[fields];
        for (int c = 0; c < fields; c++) {
          String s = parts[c].trim();
          try {
            v[c] = Float.parseFloat(s);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (c + 1) + ": '" + s + "' is not a number");
          }
        }
        rows.add(v);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("CSV " + file + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) throw new IllegalArgumentException("CSV " + file + ": no data lines");
    int[] tc = targetColumns(o, fields);
    boolean[] isTarget = new boolean[fields];
    for (int c : tc) isTarget[c] = true;
    int n = rows.size(), f = fields - tc.length;
    float[] x = new float[n * f], y = new float[n * tc.length];
    for (int i = 0; i < n; i++) {
      float[] v = rows.get(i);
      int k = 0;
      for (int c = 0; c < fields; c++) if (!isTarget[c]) x[i * f + k++] = v[c];
      for (int t = 0; t < tc.length; t++) y[i * tc.length + t] = v[tc[t]];
    }
    Tensor targets = tc.length == 1 ? Tensor.fromArray(y, n) : Tensor.fromArray(y, n, tc.length);
    return new TensorDataset(Tensor.fromArray(x, n, f), targets, java.util.Map.of());
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

  /** The model for regression: an MLP with {@code outputs} outputs, its [N, 1] output flattened to [N] for one target. */
  static Module model(String kind, int[] shape, int outputs, int targets, long seed) {
    if (!kind.equals("mlp")) throw new IllegalArgumentException("--task regression uses --model mlp (tabular features), got '" + kind + "'");
    Module m = Models.build(kind, shape, outputs, seed);
    return outputs == 1 && targets == 1 ? new Sequential(m, new Flatten(0, -1)) : m;
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

  static String shape(int[] s) { return Arrays.toString(s); }
}
