package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captures the outputs of named submodules of any model (Sequential, custom modules, nested
 * ones) while it runs, without changing the model, as torchvision's feature extraction: a
 * forward hook on each named module records its output.
 * <pre>{@code
 * try (FeatureTaps taps = FeatureTaps.capture(model, "0", "2.conv")) {
 *   Tensor out = model.call(x);
 *   Tensor h = taps.get("0");          // the output of submodule "0" in this pass
 * }                                    // closing removes the hooks
 * }</pre>
 * Names are those of {@link Module#namedModules()} ("" is the model itself). The captured
 * tensors keep their graph, so a loss on them (perceptual, feature matching) back-propagates;
 * detach them to keep values only. They are the module's own outputs: ones made inside a
 * {@code TensorScope} are closed with it, so read them inside the step. A module that runs
 * several times in a pass (a shared block) records each output, in order: {@link #getAll}.
 */
public final class FeatureTaps implements AutoCloseable {
  private final Map<String, List<Tensor>> captured = new LinkedHashMap<>();
  private final List<HookHandle> handles = new ArrayList<>();
  private boolean closed;

  private FeatureTaps() {}

  /**
   * Starts capturing the outputs of the modules called {@code names} in {@code model}.
   *
   * @throws IllegalArgumentException for an unknown name, listing valid ones
   */
  public static FeatureTaps capture(Module model, String... names) {
    if (model == null) throw new IllegalArgumentException("FeatureTaps: model is null");
    if (names == null || names.length == 0) throw new IllegalArgumentException("FeatureTaps: give at least one module name");
    Map<String, Module> modules = model.namedModules();
    for (String n : names) if (!modules.containsKey(n)) throw unknown(model, n, modules);
    FeatureTaps taps = new FeatureTaps();
    for (String n : names) {
      if (taps.captured.containsKey(n)) continue;
      List<Tensor> outs = Collections.synchronizedList(new ArrayList<>());
      taps.captured.put(n, outs);
      taps.handles.add(modules.get(n).registerForwardHook((m, in, out) -> {
        outs.add(out);
        return null;
      }));
    }
    return taps;
  }

  /** The last output of module {@code name} since capture (or {@link #clear}). */
  public Tensor get(String name) {
    List<Tensor> all = getAll(name);
    if (all.isEmpty()) {
      throw new IllegalStateException("FeatureTaps: module '" + name + "' has not run since the capture began"
          + " (or since clear()); run the model with model.call(x)");
    }
    return all.get(all.size() - 1);
  }

  /** Every output of module {@code name} since capture (or {@link #clear}), in call order. */
  public List<Tensor> getAll(String name) {
    List<Tensor> outs = captured.get(name);
    if (outs == null) {
      throw new IllegalArgumentException("FeatureTaps: '" + name + "' is not captured; captured: " + captured.keySet());
    }
    synchronized (outs) {
      return List.copyOf(outs);
    }
  }

  /** The last output of each captured module that ran, by name, in the order of capture. */
  public Map<String, Tensor> all() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (String n : captured.keySet()) {
      List<Tensor> all = getAll(n);
      if (!all.isEmpty()) out.put(n, all.get(all.size() - 1));
    }
    return out;
  }

  /** Forgets what was captured (before the next step); the hooks stay. */
  public void clear() {
    for (List<Tensor> outs : captured.values()) outs.clear();
  }

  /** Removes the hooks; what was captured stays readable. Closing twice is harmless. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (HookHandle h : handles) h.remove();
  }

  private static IllegalArgumentException unknown(Module model, String name, Map<String, Module> modules) {
    List<String> valid = new ArrayList<>();
    for (String k : modules.keySet()) if (!k.isEmpty()) valid.add(k);
    int shown = Math.min(valid.size(), 12);
    String list = String.join(", ", valid.subList(0, shown)) + (valid.size() > shown ? ", ... (" + valid.size() + " in all)" : "");
    return new IllegalArgumentException("FeatureTaps: no module named '" + name + "' in " + model.getClass().getSimpleName()
        + "; valid names: " + (valid.isEmpty() ? "(none: the model has no submodules; \"\" is the model itself)" : list));
  }

  @Override
  public String toString() { return "FeatureTaps" + Arrays.toString(captured.keySet().toArray()); }
}
