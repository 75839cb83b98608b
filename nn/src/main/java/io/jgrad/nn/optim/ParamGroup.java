package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of parameters sharing hyperparameters (lr, weightDecay, momentum, beta1, ...).
 *
 * <p>Options the group does not set are filled from the optimizer's defaults when the optimizer
 * is built. Values are {@code Double} or {@code Boolean}. Schedulers read and write {@link #lr()}
 * (and {@code momentum} / {@code beta1} for one-cycle momentum cycling) on live groups.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private final Map<String, Object> options = new LinkedHashMap<>();

  public ParamGroup(List<Tensor> params) {
    if (params == null || params.isEmpty()) throw new IllegalArgumentException("ParamGroup: empty parameter list");
    for (Tensor p : params) {
      if (p == null) throw new IllegalArgumentException("ParamGroup: null parameter");
    }
    this.params = List.copyOf(params);
  }

  /** Sets a numeric option; returns this. */
  public ParamGroup set(String key, double value) {
    options.put(key, value);
    return this;
  }

  /** Sets a boolean option; returns this. */
  public ParamGroup set(String key, boolean value) {
    options.put(key, value);
    return this;
  }

  public List<Tensor> params() { return params; }

  /** The group's options (read-only view). */
  public Map<String, Object> options() { return Collections.unmodifiableMap(options); }

  public boolean has(String key) { return options.containsKey(key); }

  public double get(String key) {
    Object v = options.get(key);
    if (!(v instanceof Number n)) throw new IllegalArgumentException("ParamGroup: no numeric option '" + key + "' (have " + options + ")");
    return n.doubleValue();
  }

  public boolean flag(String key) {
    Object v = options.get(key);
    if (!(v instanceof Boolean b)) throw new IllegalArgumentException("ParamGroup: no boolean option '" + key + "' (have " + options + ")");
    return b;
  }

  public double lr() { return get("lr"); }

  public void setLr(double lr) { set("lr", lr); }

  void putRaw(String key, Object value) { options.put(key, value); }
}
