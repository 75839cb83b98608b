package io.jgrad.cli;

import io.jgrad.nn.io.Checkpoint;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code run.properties} in a run's output directory: the dataset and model options of the run
 * and its loss, regularizers and procedure (resolved catalog specs, every parameter included), so
 * {@code jgrad eval --checkpoint DIR/best.safetensors} rebuilds the same model, test set and
 * objective.
 */
public final class RunConfig {
  static final String FILE = "run.properties";
  private static final String[] KEYS = {"dataset", "data-dir", "train", "test", "label-column", "header", "task", "target-columns"};

  private RunConfig() {}

  static void write(Path dir, Options o, String model, DataSources.Data data, Components components) throws IOException {
    write(dir, o, model, data, components, 0);
  }

  /** {@code outputs}: the regression head's size, recorded for eval (0: classification). */
  public static void write(Path dir, Options o, String model, DataSources.Data data, Components components, int outputs) throws IOException {
    Properties p = new Properties();
    for (String k : KEYS) if (o.has(k)) p.setProperty(k, o.str(k, ""));
    p.setProperty("model", model);
    p.setProperty("classes", Integer.toString(data.classes()));
    if (outputs > 0) p.setProperty("outputs", Integer.toString(outputs));
    components.record(p);
    try (Writer w = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.store(w, "jgrad train options (read by jgrad eval)");
    }
  }

  /** Fills options not given on the command line from the run.properties next to {@code checkpoint}, if any. */
  static void applyDefaults(Path checkpoint, Options o) throws IOException {
    Path parent = checkpoint.toAbsolutePath().getParent();
    Path f = parent == null ? null : parent.resolve(FILE);
    if (f == null || !Files.isRegularFile(f)) return;
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    if (o.has("dataset") && !o.str("dataset", "").equalsIgnoreCase(p.getProperty("dataset", "digits"))) {
      // Another dataset: only the model kind and the loss carry over.
      o.putDefault("model", p.getProperty("model", "mlp"));
      if (p.getProperty("loss") != null) o.putDefault("loss", p.getProperty("loss"));
      return;
    }
    for (String k : p.stringPropertyNames()) o.putDefault(k, p.getProperty(k));
  }

  static Checkpoint loadCheckpoint(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint not found: " + file);
    return Checkpoint.load(file);
  }

  /** The epoch a checkpoint was taken at: its metadata "train.epoch" (CheckpointSaver) when present, else step / batches per epoch. */
  static int epochOf(Checkpoint c, int batchesPerEpoch) {
    String e = c.metadata().getOrDefault("train.epoch", c.metadata().get("epoch"));
    if (e != null) {
      try {
        return Integer.parseInt(e.trim());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("checkpoint metadata epoch is '" + e + "', not an integer");
      }
    }
    return Math.toIntExact(c.step() / Math.max(1, batchesPerEpoch));
  }
}
