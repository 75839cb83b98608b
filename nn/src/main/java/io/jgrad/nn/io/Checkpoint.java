package io.jgrad.nn.io;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A training checkpoint in one safetensors file: model tensors under the key prefix
 * {@code "model."}, optimizer state tensors under {@code "optim."}, the state of stateful
 * objectives and regularizers (Modules: EMA banks, per-sample tables, dual variables) under
 * {@code "objective."} and {@code "regularizer.<i>."} ({@link #modules}, keyed with that
 * prefix, e.g. {@code "objective.table"}, {@code "regularizer.1.lambda"}), and in {@code __metadata__}
 * the step, the generator's seed and offset ({@code jgrad.step}, {@code jgrad.rng.seed},
 * {@code jgrad.rng.offset}), a format tag ({@code jgrad.format}) and the caller's own strings
 * (for example an optimizer's hyperparameters as JSON); caller keys must not start with
 * {@code "jgrad."}.
 *
 * <p>It needs neither {@code Module} nor {@code Optimizer}: {@code model} is what
 * {@code Module.stateDict()} returns, and {@link #loadInto} and {@link #loadModulesInto} validate
 * every name, shape and dtype before copying anything, so a checkpoint of another model changes
 * nothing. {@code io.jgrad.nn.train.Trainer#restore} loads model, optimizer and modules at once.
 */
public record Checkpoint(Map<String, Tensor> model, Map<String, Tensor> optimizer, long step, long seed, long rngOffset,
                         Map<String, String> metadata, Map<String, Tensor> modules) {
  public static final String MODEL_PREFIX = "model.";
  public static final String OPTIM_PREFIX = "optim.";
  /** The prefix of a stateful objective's tensors. */
  public static final String OBJECTIVE_PREFIX = "objective.";
  /** The prefix of the stateful regularizers' tensors, followed by the regularizer's position and a dot. */
  public static final String REGULARIZER_PREFIX = "regularizer.";
  public static final String FORMAT = "jgrad-checkpoint/1";
  static final String RESERVED = "jgrad.";

  public Checkpoint {
    model = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(model));
    optimizer = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
    metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    modules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modules == null ? Map.of() : modules));
    for (String k : metadata.keySet()) {
      if (k.startsWith(RESERVED)) throw new IllegalArgumentException("checkpoint: metadata key \"" + k + "\" uses the reserved prefix jgrad.");
    }
    for (String k : modules.keySet()) {
      if (!isModuleKey(k)) {
        throw new IllegalArgumentException("checkpoint: module tensor \"" + k + "\" must start with objective. or regularizer.<i>.");
      }
    }
  }

  /** A checkpoint without stateful objectives or regularizers. */
  public Checkpoint(Map<String, Tensor> model, Map<String, Tensor> optimizer, long step, long seed, long rngOffset, Map<String, String> metadata) {
    this(model, optimizer, step, seed, rngOffset, metadata, Map.of());
  }

  private static boolean isModuleKey(String k) {
    return k.startsWith(OBJECTIVE_PREFIX) && k.length() > OBJECTIVE_PREFIX.length() || k.matches("regularizer\\.\\d+\\..+");
  }

  /**
   * The tensors of named modules (from {@code Trainer.statefulModules()}: {@code "objective"},
   * {@code "regularizer.<i>"}) under their checkpoint keys: {@code name + "." + state-dict key}.
   */
  public static Map<String, Tensor> moduleState(Map<String, io.jgrad.nn.Module> modules) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    modules.forEach((name, m) -> m.stateDict().forEach((k, v) -> out.put(name + "." + k, v)));
    return out;
  }

  /** Writes this checkpoint atomically (see {@link SafeTensors#write}): a failed save leaves a previous file intact. */
  public void save(Path file) throws IOException {
    Map<String, Tensor> all = new LinkedHashMap<>();
    model.forEach((k, v) -> all.put(MODEL_PREFIX + k, v));
    optimizer.forEach((k, v) -> all.put(OPTIM_PREFIX + k, v));
    all.putAll(modules);
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put(RESERVED + "format", FORMAT);
    meta.put(RESERVED + "step", Long.toString(step));
    meta.put(RESERVED + "rng.seed", Long.toString(seed));
    meta.put(RESERVED + "rng.offset", Long.toString(rngOffset));
    meta.putAll(metadata);
    SafeTensors.write(file, all, meta);
  }

  /** Reads a checkpoint written by {@link #save}; a truncated, malformed or foreign file is a {@link SafeTensorsException}. */
  public static Checkpoint load(Path file) throws IOException {
    SafeTensorsFile f = SafeTensors.read(file);
    String name = file.toString();
    Map<String, String> meta = f.metadata();
    if (!FORMAT.equals(meta.get(RESERVED + "format"))) {
      throw new SafeTensorsException("checkpoint: " + name + ": not a jgrad checkpoint (metadata jgrad.format is "
          + (meta.containsKey(RESERVED + "format") ? "\"" + meta.get(RESERVED + "format") + "\"" : "missing") + ", expected \"" + FORMAT + "\")");
    }
    Map<String, Tensor> model = new LinkedHashMap<>();
    Map<String, Tensor> optim = new LinkedHashMap<>();
    Map<String, Tensor> modules = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
      String k = e.getKey();
      if (k.startsWith(MODEL_PREFIX)) model.put(k.substring(MODEL_PREFIX.length()), e.getValue());
      else if (k.startsWith(OPTIM_PREFIX)) optim.put(k.substring(OPTIM_PREFIX.length()), e.getValue());
      else if (isModuleKey(k)) modules.put(k, e.getValue());
      else throw new SafeTensorsException("checkpoint: " + name + ": tensor \"" + k + "\" has neither prefix model. nor optim. (nor objective. or regularizer.<i>.)");
    }
    Map<String, String> user = new LinkedHashMap<>();
    meta.forEach((k, v) -> { if (!k.startsWith(RESERVED)) user.put(k, v); });
    return new Checkpoint(model, optim, number(name, meta, "step"), number(name, meta, "rng.seed"), number(name, meta, "rng.offset"), user,
        modules);
  }

  private static long number(String file, Map<String, String> meta, String key) throws SafeTensorsException {
    String v = meta.get(RESERVED + key);
    if (v == null) throw new SafeTensorsException("checkpoint: " + file + ": metadata jgrad." + key + " is missing");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new SafeTensorsException("checkpoint: " + file + ": metadata jgrad." + key + " is \"" + v + "\", not an integer");
    }
  }

  /**
   * Copies this checkpoint's model tensors into {@code target} (for example {@code Module.stateDict()},
   * whose tensors are the live parameters and buffers), in place and without recording gradients.
   * Every name, shape and dtype is checked first ({@link #checkCompatible}); on a mismatch nothing is changed.
   */
  public void loadInto(Map<String, Tensor> target) {
    checkCompatible("model", model, target);
    copy(model, target);
  }

  /**
   * Copies this checkpoint's objective and regularizer tensors into {@code target} (what
   * {@link #moduleState} returns for the modules to restore), after checking every name, shape
   * and dtype: a checkpoint saved with another objective, or without its state, changes nothing.
   */
  public void loadModulesInto(Map<String, Tensor> target) {
    checkCompatible("objective and regularizer", modules, target);
    copy(modules, target);
  }

  /**
   * Checks that {@code source} and {@code target} have the same names, and that each name has
   * the same shape and dtype in both; the message lists every missing and unexpected name and
   * the first mismatches.
   */
  public static void checkCompatible(String what, Map<String, Tensor> source, Map<String, Tensor> target) {
    TreeSet<String> missing = new TreeSet<>(target.keySet());
    missing.removeAll(source.keySet());
    TreeSet<String> unexpected = new TreeSet<>(source.keySet());
    unexpected.removeAll(target.keySet());
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) problems.add("missing " + missing);
    if (!unexpected.isEmpty()) problems.add("unexpected " + unexpected);
    for (Map.Entry<String, Tensor> e : target.entrySet()) {
      Tensor s = source.get(e.getKey());
      Tensor t = e.getValue();
      if (s == null) continue;
      if (!Arrays.equals(s.shape(), t.shape())) {
        problems.add("\"" + e.getKey() + "\" has shape " + Arrays.toString(s.shape()) + " in the checkpoint but " + Arrays.toString(t.shape()) + " here");
      } else if (s.dtype() != t.dtype()) {
        problems.add("\"" + e.getKey() + "\" has dtype " + s.dtype() + " in the checkpoint but " + t.dtype() + " here");
      }
    }
    if (!problems.isEmpty()) {
      int shown = Math.min(problems.size(), 8);
      throw new IllegalArgumentException("checkpoint: " + what + " state does not match: " + String.join("; ", problems.subList(0, shown))
          + (shown < problems.size() ? "; and " + (problems.size() - shown) + " more" : ""));
    }
  }

  /** Copies each source tensor into the same-named target in place, with gradient recording off. Call {@link #checkCompatible} first. */
  public static void copy(Map<String, Tensor> source, Map<String, Tensor> target) {
    try (var off = Grad.disabled()) {
      for (Map.Entry<String, Tensor> e : target.entrySet()) e.getValue().copyFrom(io.jgrad.nn.Module.onDeviceOf(source.get(e.getKey()), e.getValue()));
    }
  }
}
