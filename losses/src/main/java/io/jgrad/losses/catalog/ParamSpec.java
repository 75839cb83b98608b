package io.jgrad.losses.catalog;

import io.jgrad.losses.Reduction;

/**
 * One named parameter of a component: its name as in the catalog spec, its default value (which
 * also fixes its type: Double, Integer, Long, Boolean, String, double[] or a {@link Reduction})
 * and a one-line description. A null default means the parameter is required.
 */
public record ParamSpec(String name, Object defaultValue, Class<?> type, String doc) {
  public ParamSpec {
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("ParamSpec: empty name");
    if (type == null) throw new IllegalArgumentException("ParamSpec '" + name + "': type is null");
    if (defaultValue != null && !type.isInstance(defaultValue)) {
      throw new IllegalArgumentException("ParamSpec '" + name + "': default " + defaultValue + " is not a " + type.getSimpleName());
    }
  }

  /** A parameter whose type is its default's class (the default must not be null). */
  public static ParamSpec of(String name, Object defaultValue, String doc) {
    if (defaultValue == null) throw new IllegalArgumentException("ParamSpec '" + name + "': use required(...) for no default");
    return new ParamSpec(name, defaultValue, defaultValue.getClass(), doc);
  }

  /** A required parameter of {@code type}. */
  public static ParamSpec required(String name, Class<?> type, String doc) { return new ParamSpec(name, null, type, doc); }

  /** The {@code reduction} parameter with default {@code def}. */
  public static ParamSpec reduction(Reduction def) {
    return new ParamSpec("reduction", def, Reduction.class, "none | mean | sum");
  }
}
