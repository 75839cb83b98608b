package io.jgrad.cli;

import io.jgrad.nn.io.Checkpoint;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A run's options and its checkpoint's description ({@link RunInfo}): what {@code train} records,
 * and how {@code eval}, {@code predict} and {@code --resume} read it back. Checkpoints of earlier
 * jgrad versions carry no description: their options come from the {@code run.properties} next
 * to them, when there is one, and the architecture and class count from the tensors' shapes.
 */
final class RunConfig {
  /** The options file of earlier jgrad versions, read for their checkpoints. */
  static final String LEGACY_FILE = "run.properties";
  /** Options that describe where the data is and how it is read: the defaults of {@code eval}. */
  static final List<String> DATA_KEYS = List.of("dataset", "data-dir", "train", "test", "label-column", "header", "target-columns");
  /** Options not recorded: where this run's files go and how this process runs. */
  static final Set<String> NOT_RECORDED = Set.of("out", "resume", "threads", "device", "loss", "regularizer", "procedure");
  static final Set<String> PATHS = Set.of("train", "test", "data-dir");

  private RunConfig() {}

  /** The options to record: as given, file paths made absolute (a checkpoint is read from any directory). */
  static Map<String, String> recordOptions(Options o) {
    Map<String, String> m = new LinkedHashMap<>();
    o.asMap().forEach((k, v) -> {
      if (!NOT_RECORDED.contains(k)) m.put(k, PATHS.contains(k) ? Path.of(v).toAbsolutePath().normalize().toString() : v);
    });
    return m;
  }

  static Checkpoint loadCheckpoint(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("checkpoint not found: " + file);
    return Checkpoint.load(file);
  }

  /**
   * The description of {@code c}, its recorded options filled into {@code o} where not given:
   * every option for {@code --resume} ({@code all}), the data options and the loss for eval and
   * predict (the data options only when {@code --dataset} is not given or the same). For a checkpoint
   * without one, run.properties fills the options and the description is inferred ({@link #infer}).
   */
  static RunInfo describe(Path file, Checkpoint c, Options o, boolean all) throws IOException {
    RunInfo info = RunInfo.fromMetadata(c.metadata());
    if (info == null) {
      applyLegacy(file, o);
      return infer(c, o);
    }
    boolean sameData = !o.has("dataset") || o.str("dataset", "").equalsIgnoreCase(info.dataset());
    if (sameData) o.putDefault("dataset", info.dataset());
    info.options().forEach((k, v) -> {
      if (all || sameData && DATA_KEYS.contains(k)) o.putDefault(k, v);
    });
    if (info.components().containsKey("loss")) o.putDefault("loss", info.components().get("loss"));
    if (all) {
      if (info.components().containsKey("procedure")) o.putDefault("procedure", info.components().get("procedure"));
      List<String> regs = new ArrayList<>();
      for (int i = 1; info.components().containsKey("regularizer." + i); i++) regs.add(info.components().get("regularizer." + i));
      o.putDefaultAll("regularizer", regs);
    }
    return info;
  }

  /** Fills options not given from the run.properties of an earlier jgrad next to {@code checkpoint}, if any. */
  static void applyLegacy(Path checkpoint, Options o) throws IOException {
    Path parent = checkpoint.toAbsolutePath().getParent();
    Path f = parent == null ? null : parent.resolve(LEGACY_FILE);
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

  /**
   * The description of a checkpoint without one: the dataset and model kind from {@code o}
   * (defaults digits, cnn on digits), the layer sizes and class count from the tensors' shapes
   * (a Sequential of Linear layers, or of Conv2d blocks and a Linear), labels 0..C-1, no
   * standardization.
   */
  static RunInfo infer(Checkpoint c, Options o) {
    boolean regression = o.str("task", "classification").equals("regression");
    String dataset = o.choice("dataset", regression ? "csv" : "digits", "digits", "fashion-mnist", "csv");
    String kind = o.choice("model", dataset.equals("digits") && !regression ? "cnn" : "mlp", "mlp", "cnn");
    List<int[]> linear = new ArrayList<>(), conv = new ArrayList<>();
    for (Map.Entry<String, Tensor> e : c.model().entrySet()) {
      if (!e.getKey().endsWith(".weight")) continue;
      int[] s = e.getValue().shape();
      if (s.length == 2) linear.add(s);
      else if (s.length == 4) conv.add(s);
    }
    if (linear.isEmpty()) throw new IllegalArgumentException("checkpoint: no Linear layer weights found, cannot tell its model (keys " + c.model().keySet() + ")");
    int outputs = linear.get(linear.size() - 1)[0];
    int[] shape = switch (dataset) {
      case "digits" -> new int[] {1, 8, 8};
      case "fashion-mnist" -> new int[] {1, 28, 28};
      default -> new int[] {linear.get(0)[1]};
    };
    ModelSpec spec;
    if (kind.equals("mlp")) {
      int[] hidden = new int[linear.size() - 1];
      for (int i = 0; i < hidden.length; i++) hidden[i] = linear.get(i)[0];
      spec = new ModelSpec(kind, shape, hidden, new int[0], 0, outputs);
    } else {
      int[] ch = new int[conv.size()];
      for (int i = 0; i < ch.length; i++) ch[i] = conv.get(i)[0];
      spec = new ModelSpec(kind, shape, new int[0], ch, conv.isEmpty() ? ModelSpec.DEFAULT_KERNEL : conv.get(0)[2], outputs);
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (String k : DATA_KEYS) if (o.has(k)) options.put(k, o.str(k, ""));
    Map<String, String> comps = new LinkedHashMap<>();
    if (o.has("loss")) comps.put("loss", o.str("loss", ""));
    if (o.str("task", "classification").equals("regression")) {
      // A regression run of an earlier version: its target columns as run.properties recorded them.
      List<String> targets = new ArrayList<>();
      for (Object t : RegressionTask.targetColumns(o)) targets.add("column " + t);
      for (String k : List.of("task", "target-columns")) if (o.has(k)) options.put(k, o.str(k, ""));
      return new RunInfo("regression", dataset, spec, null, targets, null, null, null, MissingPolicy.ERROR, null, options, comps);
    }
    return new RunInfo("classification", dataset, spec, LabelMap.indices(outputs), List.of(), null, null, null, MissingPolicy.ERROR, null,
        options, comps);
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
