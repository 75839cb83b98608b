package io.jgrad.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Curves of several seeds averaged point by point (NaN where a seed's curve is shorter). */
final class DemoCurves {
  private DemoCurves() {}

  static Map<String, Map<String, double[]>> mean(List<DemoRun> runs) {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    runs.get(0).curves().forEach((panel, byMethod) -> {
      Map<String, double[]> m = new LinkedHashMap<>();
      byMethod.forEach((method, first) -> {
        int n = 0;
        for (DemoRun r : runs) {
          double[] v = r.curves().getOrDefault(panel, Map.of()).get(method);
          if (v != null) n = Math.max(n, v.length);
        }
        double[] sum = new double[n];
        int[] count = new int[n];
        for (DemoRun r : runs) {
          double[] v = r.curves().getOrDefault(panel, Map.of()).get(method);
          if (v == null) continue;
          for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
            count[i]++;
          }
        }
        for (int i = 0; i < n; i++) sum[i] = count[i] == runs.size() ? sum[i] / count[i] : Double.NaN;
        m.put(method, sum);
      });
      out.put(panel, m);
    });
    return out;
  }
}
