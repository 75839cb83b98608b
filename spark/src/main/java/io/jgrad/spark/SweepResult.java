package io.jgrad.spark;

import io.jgrad.cli.demo.Stat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The rows of a {@link Sweep}, and its table: one line per configuration with the mean ± sd over
 * seeds (sample sd) of the validation accuracy (last and best epoch), the validation and training
 * losses and the seconds per trial, best validation accuracy first (lowest validation loss when
 * there is no accuracy). Trials that failed or diverged are left out of the statistics and
 * counted in the "failed" column, with their first error below the table.
 */
public record SweepResult(List<TrialResult> trials) {
  private static final String[] HEAD = {"configuration", "seeds", "val accuracy", "best val accuracy", "val loss", "train loss", "s/trial", "failed"};

  public SweepResult {
    trials = List.copyOf(trials);
  }

  /** Per configuration, in first-seen order: its trials. */
  public Map<String, List<TrialResult>> byConfig() {
    Map<String, List<TrialResult>> m = new LinkedHashMap<>();
    for (TrialResult t : trials) m.computeIfAbsent(t.config(), k -> new ArrayList<>()).add(t);
    return m;
  }

  /** The statistic of {@code metric} over a configuration's successful trials. */
  public static Stat stat(List<TrialResult> rows, ToDoubleFunction<TrialResult> metric) {
    double[] v = rows.stream().filter(t -> t.error() == null).mapToDouble(metric).toArray();
    if (v.length == 0) return new Stat(Double.NaN, Double.NaN, 0);
    double m = 0;
    for (double x : v) m += x;
    m /= v.length;
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return new Stat(m, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN, v.length);
  }

  /** The table's cells, header first. */
  public List<List<String>> cells() {
    List<Map.Entry<String, List<TrialResult>>> configs = new ArrayList<>(byConfig().entrySet());
    boolean acc = trials.stream().anyMatch(t -> t.error() == null && !Double.isNaN(t.valAccuracy()));
    Comparator<Map.Entry<String, List<TrialResult>>> order = acc
        ? Comparator.comparingDouble(e -> -nanLow(stat(e.getValue(), TrialResult::valAccuracy).mean()))
        : Comparator.comparingDouble(e -> nanHigh(stat(e.getValue(), TrialResult::valLoss).mean()));
    configs.sort(order);
    List<List<String>> out = new ArrayList<>();
    out.add(List.of(HEAD));
    for (Map.Entry<String, List<TrialResult>> e : configs) {
      List<TrialResult> rows = e.getValue();
      long failed = rows.stream().filter(t -> t.error() != null).count();
      out.add(List.of(e.getKey(), Integer.toString(rows.size()), stat(rows, TrialResult::valAccuracy).format(),
          stat(rows, TrialResult::bestValAccuracy).format(), stat(rows, TrialResult::valLoss).format(),
          stat(rows, TrialResult::trainLoss).format(), stat(rows, TrialResult::seconds).format(), Long.toString(failed)));
    }
    return out;
  }

  /** Aligned plain text, then the first error of each configuration that had one. */
  public String text() {
    List<List<String>> c = cells();
    int[] w = new int[HEAD.length];
    for (List<String> row : c) for (int i = 0; i < row.size(); i++) w[i] = Math.max(w[i], row.get(i).length());
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < c.size(); k++) {
      List<String> row = c.get(k);
      for (int i = 0; i < row.size(); i++) {
        String s = row.get(i);
        sb.append(i == 0 ? s + " ".repeat(w[i] - s.length()) : " ".repeat(w[i] - s.length() + 2) + s);
      }
      sb.append('\n');
      if (k == 0) {
        int total = 0;
        for (int x : w) total += x + 2;
        sb.append("-".repeat(total - 2)).append('\n');
      }
    }
    return sb.append(errors()).toString();
  }

  /** A Markdown table, then the errors. */
  public String markdown() {
    List<List<String>> c = cells();
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < c.size(); k++) {
      sb.append("| ").append(String.join(" | ", c.get(k).stream().map(s -> s.replace("|", "\\|")).toList())).append(" |\n");
      if (k == 0) sb.append("|").append("---|".repeat(HEAD.length)).append('\n');
    }
    return sb.append(errors()).toString();
  }

  private String errors() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<TrialResult>> e : byConfig().entrySet()) {
      e.getValue().stream().filter(t -> t.error() != null).findFirst()
          .ifPresent(t -> sb.append('\n').append(e.getKey()).append(", seed ").append(t.seed()).append(": ").append(t.error()));
    }
    return sb.isEmpty() ? "" : sb.append('\n').toString();
  }

  private static double nanLow(double v) { return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v; }

  private static double nanHigh(double v) { return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v; }
}
