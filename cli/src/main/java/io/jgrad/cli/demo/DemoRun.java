package io.jgrad.cli.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one seed of a demo measured: for each method (the component, its baseline, variants)
 * a row of named metrics, and optionally curves (a value per epoch or per step) that the
 * runner averages over seeds and plots. Method and metric names are free text but must be the
 * same for every seed; the claim's criteria refer to them.
 */
public final class DemoRun {
  private final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
  private final Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();

  /**
   * Adds (or extends) the row of {@code method} with {@code metrics}: in their order when the map
   * has one (a LinkedHashMap), else sorted by name (Map.of has no stable order).
   */
  public DemoRun row(String method, Map<String, Double> metrics) {
    if (method == null || method.isBlank()) throw new IllegalArgumentException("DemoRun: empty method name");
    if (metrics == null || metrics.isEmpty()) throw new IllegalArgumentException("DemoRun: method '" + method + "' has no metrics");
    Map<String, Double> row = rows.computeIfAbsent(method, k -> new LinkedHashMap<>());
    Map<String, Double> ordered = metrics instanceof java.util.SequencedMap<String, Double> ? metrics : new java.util.TreeMap<>(metrics);
    ordered.forEach((k, v) -> {
      if (v == null) throw new IllegalArgumentException("DemoRun: method '" + method + "', metric '" + k + "' is null");
      row.put(k, v);
    });
    return this;
  }

  /** Adds one metric to the row of {@code method}. */
  public DemoRun metric(String method, String metric, double value) { return row(method, Map.of(metric, value)); }

  /**
   * A curve of {@code method} for the panel {@code name} (e.g. "test loss" per epoch): plotted
   * as the mean over seeds, one line per method. Curves of one panel must have equal lengths.
   */
  public DemoRun curve(String name, String method, double[] values) {
    if (name == null || name.isBlank() || method == null || method.isBlank()) {
      throw new IllegalArgumentException("DemoRun: a curve needs a panel name and a method");
    }
    if (values == null || values.length == 0) throw new IllegalArgumentException("DemoRun: curve '" + name + "' of '" + method + "' is empty");
    curves.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(method, values.clone());
    return this;
  }

  /** Rows by method, in the order added. */
  public Map<String, Map<String, Double>> rows() {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    rows.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(v)));
    return Collections.unmodifiableMap(out);
  }

  /** Curves by panel, then by method. */
  public Map<String, Map<String, double[]>> curves() { return Collections.unmodifiableMap(curves); }

  /** The methods, in the order added. */
  public List<String> methods() { return new ArrayList<>(rows.keySet()); }
}
