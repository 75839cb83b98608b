package io.jgrad.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one seed of a weight-regularizer demonstration measured: per method a row of named
 * metrics, and curves by panel and method (the shape of the demo framework's DemoRun).
 */
final class WeightRegResult {
  final Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
  final Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();

  WeightRegResult row(String method, String metric, double value) {
    rows.computeIfAbsent(method, k -> new LinkedHashMap<>()).put(metric, value);
    return this;
  }

  WeightRegResult curve(String panel, String method, double[] values) {
    curves.computeIfAbsent(panel, k -> new LinkedHashMap<>()).put(method, values.clone());
    return this;
  }
}
