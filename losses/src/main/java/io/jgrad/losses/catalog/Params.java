package io.jgrad.losses.catalog;

import io.jgrad.losses.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A component's parameter values: every {@link ParamSpec} of the component with either the
 * value given or its default. Values given as strings ("2", "0.25", "true", "mean",
 * "0.1;0.5;0.9") are parsed to the spec's type; an unknown name, a missing required value or
 * a value of the wrong type is an IllegalArgumentException naming the component, the parameter,
 * the value and the valid names.
 */
public final class Params {
  private final String id;
  private final Map<String, Object> values;

  private Params(String id, Map<String, Object> values) {
    this.id = id;
    this.values = Collections.unmodifiableMap(values);
  }

  /** Checks {@code given} against {@code specs} and fills in the defaults. */
  public static Params of(String id, List<ParamSpec> specs, Map<String, ?> given) {
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    for (ParamSpec s : specs) byName.put(s.name(), s);
    for (String k : given.keySet()) {
      if (!byName.containsKey(k)) {
        throw new IllegalArgumentException(id + ": unknown parameter '" + k + "' (valid: "
            + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())) + ")");
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParamSpec s : specs) {
      Object v = given.containsKey(s.name()) ? convert(id, s, given.get(s.name())) : s.defaultValue();
      if (v == null) throw new IllegalArgumentException(id + ": parameter '" + s.name() + "' is required (" + s.doc() + ")");
      out.put(s.name(), v);
    }
    return new Params(id, out);
  }

  /** Parses {@code "k=v,k=v"} (an empty string gives the defaults). */
  public static Params parse(String id, List<ParamSpec> specs, String kvs) {
    Map<String, String> given = new LinkedHashMap<>();
    if (kvs != null && !kvs.isBlank()) {
      for (String part : kvs.split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException(id + ": expected name=value, got '" + part + "'");
        String k = part.substring(0, eq).trim();
        if (given.put(k, part.substring(eq + 1).trim()) != null) {
          throw new IllegalArgumentException(id + ": parameter '" + k + "' given twice");
        }
      }
    }
    return of(id, specs, given);
  }

  private static Object convert(String id, ParamSpec s, Object v) {
    if (v == null) return null;
    Class<?> t = s.type();
    if (t.isInstance(v)) return v;
    String str = v.toString().trim();
    try {
      if (t == Double.class) return v instanceof Number n ? n.doubleValue() : Double.parseDouble(str);
      if (t == Integer.class) return v instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(str);
      if (t == Long.class) return v instanceof Number n && n.doubleValue() == n.longValue() ? n.longValue() : Long.parseLong(str);
      if (t == Boolean.class) {
        if (str.equalsIgnoreCase("true") || str.equalsIgnoreCase("false")) return Boolean.parseBoolean(str);
        throw new NumberFormatException();
      }
      if (t == String.class) return str;
      if (t == Reduction.class) return Reduction.valueOf(str.toUpperCase(Locale.ROOT));
      if (t == double[].class) {
        if (v instanceof Number n) return new double[] {n.doubleValue()};
        return Arrays.stream(str.split("[;\\s]+")).filter(p -> !p.isEmpty()).mapToDouble(Double::parseDouble).toArray();
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(id + ": parameter '" + s.name() + "' expects " + typeName(t) + ", got '" + v + "'");
  }

  static String typeName(Class<?> t) {
    if (t == double[].class) return "a list of numbers separated by ';'";
    if (t == Reduction.class) return "none, mean or sum";
    return "a " + t.getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** The component id these values belong to. */
  public String id() { return id; }

  public double d(String name) { return ((Number) get(name)).doubleValue(); }

  public int i(String name) { return ((Number) get(name)).intValue(); }

  public long l(String name) { return ((Number) get(name)).longValue(); }

  public boolean b(String name) { return (Boolean) get(name); }

  public String s(String name) { return (String) get(name); }

  public double[] ds(String name) { return ((double[]) get(name)).clone(); }

  /** A list parameter whose entries must be whole numbers (bit widths, split sizes), as ints. */
  public int[] ints(String name) {
    double[] v = (double[]) get(name);
    int[] out = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != Math.rint(v[i]) || Math.abs(v[i]) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(id + ": " + name + " entries must be whole numbers, got " + v[i]);
      }
      out[i] = (int) v[i];
    }
    return out;
  }

  /** The {@code reduction} parameter. */
  public Reduction reduction() { return (Reduction) get("reduction"); }

  /** The value of {@code name} (never null). */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) throw new IllegalArgumentException(id + ": no parameter '" + name + "' (valid: " + values.keySet() + ")");
    return v;
  }

  /** Every value by name, in the specs' order. */
  public Map<String, Object> asMap() { return values; }

  /**
   * {@code id:k=v,k=v} with every value (defaults included) in the form {@link #parse} reads
   * back: the same component and values. Used to record a run's choice (run.properties).
   */
  public String spec() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + format(v)));
    return id + (parts.isEmpty() ? "" : ":" + String.join(",", parts));
  }

  /** A value as the parser reads it: lists joined by ';', enums in lower case. */
  static String format(Object v) {
    if (v instanceof double[] a) {
      List<String> s = new ArrayList<>();
      for (double d : a) s.add(Double.toString(d));
      return String.join(";", s);
    }
    if (v instanceof Enum<?> e) return e.name().toLowerCase(Locale.ROOT);
    return v.toString();
  }

  @Override
  public String toString() { return spec(); }
}
