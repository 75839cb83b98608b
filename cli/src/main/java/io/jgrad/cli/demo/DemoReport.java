package io.jgrad.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a demo over several seeds: per method and metric the mean ± sd, each
 * criterion's outcome on the means (and on how many seeds it held), and PASS when all hold.
 */
public final class DemoReport {
  /** One criterion's outcome: the method's mean, the bound it was compared with, and the per-seed count. */
  public record Outcome(Criterion criterion, double value, double bound, boolean pass, int seedsPassing, int seeds) {
    public String describe() {
      return (pass ? "holds" : "fails") + ": " + criterion.describe() + "  [" + Stat.num(value) + " vs " + Stat.num(bound) + "; "
          + seedsPassing + "/" + seeds + " seeds]";
    }
  }

  private final Demo demo;
  private final long[] seeds;
  private final boolean smoke;
  private final List<DemoRun> runs;
  private final Map<String, Map<String, Stat>> stats = new LinkedHashMap<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private final double seconds;

  DemoReport(Demo demo, long[] seeds, boolean smoke, List<DemoRun> runs, double seconds) {
    this.demo = demo;
    this.seeds = seeds.clone();
    this.smoke = smoke;
    this.runs = List.copyOf(runs);
    this.seconds = seconds;
    check();
    DemoRun first = runs.get(0);
    first.rows().forEach((method, metrics) -> {
      Map<String, Stat> m = new LinkedHashMap<>();
      for (String metric : metrics.keySet()) m.put(metric, Stat.of(values(method, metric)));
      stats.put(method, m);
    });
    for (Criterion c : demo.claim().criteria()) outcomes.add(evaluate(c));
  }

  /** Every seed's run reports the same methods and metrics, and the claim's names exist. */
  private void check() {
    if (runs.isEmpty()) throw new IllegalStateException("demo " + demo.id() + ": no seed ran");
    Map<String, Map<String, Double>> ref = runs.get(0).rows();
    if (ref.isEmpty()) throw new IllegalStateException("demo " + demo.id() + ": the run reported no rows");
    for (int i = 1; i < runs.size(); i++) {
      Map<String, Map<String, Double>> r = runs.get(i).rows();
      if (!r.keySet().equals(ref.keySet())) {
        throw new IllegalStateException("demo " + demo.id() + ": seed " + seeds[i] + " reported methods " + r.keySet() + ", seed "
            + seeds[0] + " " + ref.keySet());
      }
      for (String m : ref.keySet()) {
        if (!r.get(m).keySet().equals(ref.get(m).keySet())) {
          throw new IllegalStateException("demo " + demo.id() + ": method " + m + " reported metrics " + r.get(m).keySet()
              + " for seed " + seeds[i] + " and " + ref.get(m).keySet() + " for seed " + seeds[0]);
        }
      }
    }
    for (Criterion c : demo.claim().criteria()) {
      for (String m : c.baseline() == null ? List.of(c.method()) : List.of(c.method(), c.baseline())) {
        if (!ref.containsKey(m)) {
          throw new IllegalStateException("demo " + demo.id() + ": the claim names method '" + m + "', the run reported " + ref.keySet());
        }
        if (!ref.get(m).containsKey(c.metric())) {
          throw new IllegalStateException("demo " + demo.id() + ": the claim names metric '" + c.metric() + "' of '" + m
              + "', the run reported " + ref.get(m).keySet());
        }
      }
    }
  }

  private double[] values(String method, String metric) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) v[i] = runs.get(i).rows().get(method).get(metric);
    return v;
  }

  private Outcome evaluate(Criterion c) {
    double[] m = values(c.method(), c.metric());
    double[] b = c.baseline() == null ? new double[m.length] : values(c.baseline(), c.metric());
    int ok = 0;
    for (int i = 0; i < m.length; i++) if (c.test(m[i], b[i])) ok++;
    double mean = Stat.of(m).mean(), base = Stat.of(b).mean();
    return new Outcome(c, mean, c.bound(base), c.test(mean, base), ok, m.length);
  }

  public Demo demo() { return demo; }

  public long[] seeds() { return seeds.clone(); }

  public boolean smoke() { return smoke; }

  public List<DemoRun> runs() { return runs; }

  /** Mean ± sd by method, then metric (in the order the first seed reported them). */
  public Map<String, Map<String, Stat>> stats() { return stats; }

  public List<Outcome> outcomes() { return List.copyOf(outcomes); }

  /** True when every criterion holds on the means. */
  public boolean pass() { return outcomes.stream().allMatch(Outcome::pass); }

  public double seconds() { return seconds; }

  /** The metrics in column order: each method's metrics, first appearance first. */
  public List<String> metrics() {
    List<String> out = new ArrayList<>();
    for (Map<String, Stat> m : stats.values()) for (String k : m.keySet()) if (!out.contains(k)) out.add(k);
    return out;
  }
}
