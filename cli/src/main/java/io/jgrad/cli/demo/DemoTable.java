package io.jgrad.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result table of a {@link DemoReport}: methods as rows, metrics as columns, cells "mean ± sd". */
public final class DemoTable {
  private DemoTable() {}

  static List<List<String>> cells(DemoReport r) {
    List<String> metrics = r.metrics();
    List<List<String>> out = new ArrayList<>();
    List<String> head = new ArrayList<>(List.of("method"));
    head.addAll(metrics);
    out.add(head);
    for (Map.Entry<String, Map<String, Stat>> e : r.stats().entrySet()) {
      List<String> row = new ArrayList<>(List.of(e.getKey()));
      for (String m : metrics) row.add(e.getValue().containsKey(m) ? e.getValue().get(m).format() : "");
      out.add(row);
    }
    return out;
  }

  /** Aligned plain text, one line per method. */
  public static String text(DemoReport r) {
    List<List<String>> c = cells(r);
    int[] w = new int[c.get(0).size()];
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
    return sb.toString();
  }

  /** A Markdown table. */
  public static String markdown(DemoReport r) {
    List<List<String>> c = cells(r);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < c.size(); k++) {
      sb.append("| ").append(String.join(" | ", c.get(k).stream().map(DemoTable::escape).toList())).append(" |\n");
      if (k == 0) sb.append("|").append("---|".repeat(c.get(0).size())).append('\n');
    }
    return sb.toString();
  }

  static String escape(String s) { return s.replace("|", "\\|"); }
}
