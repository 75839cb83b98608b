package io.jgrad.cli;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code jgrad predict --checkpoint F --input data.csv [--output preds.csv]}: the model's
 * predictions for unlabelled rows, one output row per input row, as CSV (to {@code --output} or
 * standard output). Classification: {@code row,class,label,p_<label>...} (the class index, its
 * label and the softmax probability of every class); regression: {@code row,value} (or
 * {@code value_1..k}). The input holds the training features: with a header, found by name
 * (other columns, such as an id or the label, are ignored); without, exactly the training's
 * feature columns in order ({@code --label-column N} skips one). The header is detected (a first
 * line with a non-numeric cell) unless {@code --header} or {@code --no-header} says. Missing cells
 * follow the run's {@code --missing} policy: an error, the training mean, or (drop) an output row
 * with empty predictions. Features are standardized as in training.
 */
public final class PredictCommand {
  /** What predict wrote: the rows and, for classification, each row's class index (-1 for a dropped row). */
  public record Result(int rows, int[] classes, Path output) {}

  private PredictCommand() {}

  public static Result run(Options o, PrintStream out) throws IOException {
    Device device = Main.checkDevice(o);
    if (!o.has("checkpoint")) throw new IllegalArgumentException("needs --checkpoint FILE (e.g. runs/<time>/best.safetensors)");
    if (!o.has("input")) throw new IllegalArgumentException("needs --input FILE (a CSV of the training's feature columns)");
    Path file = Path.of(o.str("checkpoint", ""));
    Checkpoint c = RunConfig.loadCheckpoint(file);
    RunInfo info = RunConfig.describe(file, c, Options.empty(), false);
    Path input = Path.of(o.str("input", ""));
    if (!Files.isRegularFile(input)) throw new IllegalArgumentException("--input: file not found: " + input);
    int f = ModelSpec.features(info.model().inputShape());
    String expected = "the model's input features";
    CsvTable.Spec spec = CsvTable.spec().header(o.has("header") ? o.flag("header") : null)
        .label(o.has("label-column") ? RunData.labelColumn(o) : null).wanted(info.featureNames()).expect(f, expected)
        .missing(info.missing() == MissingPolicy.ERROR ? MissingPolicy.ERROR : MissingPolicy.MEAN);
    CsvTable t = CsvTable.read(input, spec);
    boolean[] skip = new boolean[t.rows()];
    if (info.missing() == MissingPolicy.DROP) {
      for (int i = 0; i < t.x().length; i++) if (Float.isNaN(t.x()[i])) skip[i / f] = true;
      for (int i = 0; i < t.x().length; i++) if (Float.isNaN(t.x()[i])) t.x()[i] = 0;
    } else if (info.fill() != null) {
      info.fill().apply(t.x());
    }
    Module model = info.buildModel(0).to(device);
    c.loadInto(model.stateDict());
    int[] shape = new int[info.model().inputShape().length + 1];
    shape[0] = t.rows();
    System.arraycopy(info.model().inputShape(), 0, shape, 1, shape.length - 1);
    Tensor x = Tensor.fromArray(t.x(), shape);
    if (info.standardizer() != null) x = info.standardizer().apply(x);
    boolean classify = switch (info.task()) {
      case "classification" -> true;
      case "regression" -> false;
      default -> throw new IllegalArgumentException("checkpoint task '" + info.task() + "' is not one predict knows (classification, regression)");
    };
    float[] y = outputs(model, x, device, o.positiveInt("batch-size", 256), classify);
    int k = info.model().outputs();
    Path dest = o.has("output") ? Path.of(o.str("output", "")) : null;
    int[] classes = new int[t.rows()];
    if (dest == null) {
      // Standard output stays open: the rows go through the caller's stream.
      StringBuilder sb = new StringBuilder(header(info, classify, k));
      for (int r = 0; r < t.rows(); r++) classes[r] = row(sb, r, y, k, classify, skip[r], info.labels());
      out.print(sb);
      out.flush();
    } else {
      try (Writer w = Files.newBufferedWriter(dest, StandardCharsets.UTF_8)) {
        w.write(header(info, classify, k));
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < t.rows(); r++) {
          sb.setLength(0);
          classes[r] = row(sb, r, y, k, classify, skip[r], info.labels());
          w.write(sb.toString());
        }
      }
    }
    if (dest != null) {
      long dropped = 0;
      for (boolean b : skip) if (b) dropped++;
      out.printf(Locale.ROOT, "predict: %d rows of %s -> %s%s%n", t.rows(), input, dest,
          dropped > 0 ? " (" + dropped + " rows with missing values left empty, --missing drop)" : "");
    }
    return new Result(t.rows(), classes, dest);
  }

  private static String header(RunInfo info, boolean classify, int k) {
    List<String> cols = new ArrayList<>(List.of("row"));
    if (classify) {
      cols.add("class");
      cols.add("label");
      for (String l : info.labels().names()) cols.add(csv("p_" + l));
    } else if (k == 1) {
      cols.add("value");
    } else {
      for (int j = 1; j <= k; j++) cols.add("value_" + j);
    }
    return String.join(",", cols) + "\n";
  }

  /** Appends row r to sb; returns its class index (classification), or -1 (dropped row, regression). */
  private static int row(StringBuilder sb, int r, float[] y, int k, boolean classify, boolean skip, LabelMap labels) {
    sb.append(r + 1);
    int best = -1;
    if (skip) {
      sb.append(",".repeat(classify ? k + 2 : k));
    } else if (classify) {
      best = 0;
      for (int j = 1; j < k; j++) if (y[r * k + j] > y[r * k + best]) best = j;
      sb.append(',').append(best).append(',').append(csv(labels.name(best)));
      for (int j = 0; j < k; j++) sb.append(',').append(String.format(Locale.ROOT, "%.6f", y[r * k + j]));
    } else {
      for (int j = 0; j < k; j++) sb.append(',').append(y[r * k + j]);
    }
    sb.append('\n');
    return best;
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** The model's outputs for x in batches, [N * k] row-major: softmax probabilities ({@code softmax}) or raw values. */
  static float[] outputs(Module model, Tensor x, Device device, int batch, boolean softmax) {
    int n = x.shape()[0];
    model.train(false);
    List<float[]> parts = new ArrayList<>();
    int total = 0;
    try (var off = Grad.disabled()) {
      for (int start = 0; start < n; start += batch) {
        try (TensorScope scope = TensorScope.open()) {
          Tensor out = model.call(x.narrow(0, start, Math.min(batch, n - start)).contiguous().to(device));
          if (out.dim() == 1) out = out.reshape(out.shape()[0], 1);
          float[] a = (softmax ? out.softmax(1) : out).toFloatArray();
          parts.add(a);
          total += a.length;
        }
      }
    }
    float[] all = new float[total];
    int pos = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, all, pos, p.length);
      pos += p.length;
    }
    return all;
  }
}
