package io.jgrad.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code jgrad train} checkpoint says about its run, stored as strings in the safetensors
 * header's {@code __metadata__} under the prefix {@code run.} (readable with any safetensors
 * reader, e.g. {@code safe_open(f, "pt").metadata()}), so {@code eval}, {@code predict} and
 * {@code --resume} need only the checkpoint file:
 * <ul>
 *   <li>{@code run.format} ({@value #FORMAT}), {@code run.version} (jgrad's), {@code run.task} ({@code classification} or
 *       {@code regression});</li>
 *   <li>the architecture: {@code run.model}, {@code run.model.input_shape}, {@code .hidden}, {@code .channels},
 *       {@code .kernel}, {@code .outputs} ({@link ModelSpec});</li>
 *   <li>{@code run.classes} and {@code run.labels} (class i is the i-th label; see {@link LabelMap}), or for
 *       {@code regression} {@code run.targets} and {@code run.target_names};</li>
 *   <li>{@code run.features}, {@code run.feature_names} and {@code run.label_name} (CSV with a header);</li>
 *   <li>{@code run.standardize} (true|false), {@code run.standardize.mean}, {@code run.standardize.std} ({@link Standardizer});</li>
 *   <li>{@code run.missing} (error|drop|mean) and {@code run.missing.fill} ({@link MissingFill});</li>
 *   <li>{@code run.loss}, {@code run.regularizer.<i>}, {@code run.procedure}: catalog specs with every parameter;</li>
 *   <li>{@code run.dataset} and {@code run.option.<name>}: the training options as given (file paths made
 *       absolute), the defaults of {@code eval} (the test file) and {@code --resume}.</li>
 * </ul>
 * Lists are comma-separated; in label and feature names a comma or backslash is escaped with a backslash.
 */
record RunInfo(String task, String dataset, ModelSpec model, LabelMap labels, List<String> targetNames, List<String> featureNames,
               String labelName, Standardizer standardizer, MissingPolicy missing, MissingFill fill, Map<String, String> options,
               Map<String, String> components) {
  static final String FORMAT = "jgrad-run/1";
  static final String PREFIX = "run.";
  static final String OPTION = "run.option.";

  RunInfo {
    options = Map.copyOf(options);
    components = Map.copyOf(components);
    targetNames = targetNames == null ? List.of() : List.copyOf(targetNames);
    if (!task.equals("classification") && !task.equals("regression")) {
      throw new IllegalArgumentException("checkpoint metadata run.task is '" + task + "'; this jgrad knows classification and regression");
    }
  }

  int classes() { return labels == null ? 0 : labels.size(); }

  /** Regression targets per example (0 for classification). */
  int targets() { return targetNames.size(); }

  boolean regression() { return task.equals("regression"); }

  /** The run's network, its weights drawn from {@code seed} (a regression with one output and one target gives [N], not [N, 1]). */
  io.jgrad.nn.Module buildModel(long seed) { return regression() ? RegressionTask.model(model, targets(), seed) : model.build(seed); }

  /** This description as checkpoint metadata. */
  Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("run.format", FORMAT);
    m.put("run.version", Version.get());
    m.put("run.task", task);
    m.put("run.dataset", dataset);
    model.record(m);
    if (labels != null) {
      m.put("run.classes", Integer.toString(labels.size()));
      m.put("run.labels", join(labels.names()));
    }
    if (!targetNames.isEmpty()) {
      m.put("run.targets", Integer.toString(targetNames.size()));
      m.put("run.target_names", join(targetNames));
    }
    m.put("run.features", Integer.toString(ModelSpec.features(model.inputShape())));
    if (featureNames != null) m.put("run.feature_names", join(featureNames));
    if (labelName != null) m.put("run.label_name", labelName);
    m.put("run.standardize", Boolean.toString(standardizer != null));
    if (standardizer != null) {
      m.put("run.standardize.mean", Standardizer.join(standardizer.mean()));
      m.put("run.standardize.std", Standardizer.join(standardizer.std()));
    }
    m.put("run.missing", missing.label());
    if (fill != null) m.put("run.missing.fill", Standardizer.join(fill.values()));
    components.forEach((k, v) -> m.put(PREFIX + k, v));
    options.forEach((k, v) -> m.put(OPTION + k, v));
    return m;
  }

  /** The description in a checkpoint's metadata, or null when it has none (a checkpoint of an earlier jgrad, or of a library run). */
  static RunInfo fromMetadata(Map<String, String> m) {
    String format = m.get("run.format");
    if (format == null) return null;
    if (!format.equals(FORMAT)) {
      throw new IllegalArgumentException("checkpoint metadata run.format is '" + format + "'; this jgrad reads " + FORMAT + " (a newer jgrad wrote it?)");
    }
    ModelSpec model = ModelSpec.read(m);
    int features = ModelSpec.features(model.inputShape());
    LabelMap labels = m.containsKey("run.labels") ? new LabelMap(split(m.get("run.labels"))) : null;
    List<String> names = m.containsKey("run.feature_names") ? split(m.get("run.feature_names")) : null;
    List<String> targets = m.containsKey("run.target_names") ? split(m.get("run.target_names")) : List.of();
    Standardizer std = Boolean.parseBoolean(m.get("run.standardize"))
        ? new Standardizer(Standardizer.split("run.standardize.mean", need(m, "run.standardize.mean"), features),
            Standardizer.split("run.standardize.std", need(m, "run.standardize.std"), features))
        : null;
    MissingPolicy missing = MissingPolicy.parse(m.getOrDefault("run.missing", "error"));
    MissingFill fill = m.containsKey("run.missing.fill")
        ? new MissingFill(Standardizer.split("run.missing.fill", m.get("run.missing.fill"), features)) : null;
    Map<String, String> options = new LinkedHashMap<>(), components = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (k.startsWith(OPTION)) options.put(k.substring(OPTION.length()), v);
      else if (k.equals("run.loss") || k.equals("run.procedure") || k.matches("run\\.regularizer\\.\\d+")) components.put(k.substring(PREFIX.length()), v);
    });
    return new RunInfo(m.getOrDefault("run.task", "classification"), need(m, "run.dataset"), model, labels, targets, names,
        m.get("run.label_name"), std, missing, fill, options, components);
  }

  static String need(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) throw new IllegalArgumentException("checkpoint metadata has no " + key + " (run.format " + m.get("run.format") + ")");
    return v;
  }

  /** Joins with commas, escaping commas and backslashes in the items. */
  static String join(List<String> items) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(items.get(i).replace("\\", "\\\\").replace(",", "\\,"));
    }
    return sb.toString();
  }

  /** The inverse of {@link #join}. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) cur.append(s.charAt(++i));
      else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else cur.append(c);
    }
    out.add(cur.toString());
    return out;
  }
}
