package io.jgrad.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-class precision, recall and F1 from a confusion matrix, as scikit-learn's
 * {@code classification_report}: precision = TP / (TP + FP), recall = TP / (TP + FN),
 * F1 = 2PR / (P + R), each 0 where its denominator is 0 (sklearn's {@code zero_division=0});
 * the macro average is the unweighted mean over the classes that occur (as true or predicted
 * labels), the weighted average weighs each class by its support (true count).
 */
record ClassReport(long[][] confusion, List<String> labels, double[][] perClass, long[] support) {
  /** {@code labels} may be null (classes are then named by index). */
  static ClassReport of(long[][] confusion, List<String> labels) {
    int c = confusion.length;
    double[][] prf = new double[c][3];
    long[] support = new long[c];
    for (int k = 0; k < c; k++) {
      long tp = confusion[k][k], predicted = 0, actual = 0;
      for (int j = 0; j < c; j++) {
        predicted += confusion[j][k];
        actual += confusion[k][j];
      }
      double p = predicted == 0 ? 0 : (double) tp / predicted, r = actual == 0 ? 0 : (double) tp / actual;
      prf[k] = new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
      support[k] = actual;
    }
    List<String> names = labels;
    if (names == null) {
      names = new ArrayList<>();
      for (int k = 0; k < c; k++) names.add(Integer.toString(k));
    }
    return new ClassReport(confusion, List.copyOf(names), prf, support);
  }

  long total() {
    long n = 0;
    for (long s : support) n += s;
    return n;
  }

  double accuracy() {
    long tp = 0;
    for (int k = 0; k < confusion.length; k++) tp += confusion[k][k];
    return total() == 0 ? Double.NaN : (double) tp / total();
  }

  /** Whether class k occurs as a true or a predicted label (the classes the macro average is over). */
  private boolean occurs(int k) {
    if (support[k] > 0) return true;
    for (long[] row : confusion) if (row[k] > 0) return true;
    return false;
  }

  /** {precision, recall, F1}, unweighted mean over the classes that occur. */
  double[] macro() {
    double[] m = new double[3];
    int n = 0;
    for (int k = 0; k < perClass.length; k++) {
      if (!occurs(k)) continue;
      for (int i = 0; i < 3; i++) m[i] += perClass[k][i];
      n++;
    }
    for (int i = 0; i < 3; i++) m[i] = n == 0 ? Double.NaN : m[i] / n;
    return m;
  }

  /** {precision, recall, F1}, weighted by support. */
  double[] weighted() {
    double[] m = new double[3];
    long n = total();
    for (int k = 0; k < perClass.length; k++) for (int i = 0; i < 3; i++) m[i] += perClass[k][i] * support[k];
    for (int i = 0; i < 3; i++) m[i] = n == 0 ? Double.NaN : m[i] / n;
    return m;
  }

  /** The per-class table and, for up to {@code maxMatrix} classes, the confusion matrix. */
  void print(PrintStream out, int maxMatrix) {
    int w = Math.max(12, labels.stream().mapToInt(String::length).max().orElse(0) + 2);
    out.printf(Locale.ROOT, "%" + w + "s %9s %9s %9s %9s%n", "class", "precision", "recall", "f1", "support");
    for (int k = 0; k < labels.size(); k++) {
      out.printf(Locale.ROOT, "%" + w + "s %9.4f %9.4f %9.4f %9d%n", labels.get(k), perClass[k][0], perClass[k][1], perClass[k][2], support[k]);
    }
    double[] ma = macro(), wa = weighted();
    out.printf(Locale.ROOT, "%" + w + "s %9.4f %9.4f %9.4f %9d%n", "macro avg", ma[0], ma[1], ma[2], total());
    out.printf(Locale.ROOT, "%" + w + "s %9.4f %9.4f %9.4f %9d%n", "weighted avg", wa[0], wa[1], wa[2], total());
    if (labels.size() > maxMatrix) {
      out.println("confusion matrix: " + labels.size() + " classes, see confusion.csv");
      return;
    }
    int cw = 6;
    for (String l : labels) cw = Math.max(cw, Math.min(12, l.length()) + 1);
    out.println("confusion matrix (rows: true class, columns: predicted)");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%" + w + "s", ""));
    for (String l : labels) head.append(String.format(Locale.ROOT, " %" + cw + "s", l.length() > 12 ? l.substring(0, 12) : l));
    out.println(head);
    for (int t = 0; t < labels.size(); t++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%" + w + "s", labels.get(t)));
      for (long v : confusion[t]) row.append(String.format(Locale.ROOT, " %" + cw + "d", v));
      out.println(row);
    }
  }

  /** Writes {@code confusion.csv}, {@code per_class.csv} and {@code eval.json} (with {@code extra}: loss, checkpoint, ...) into {@code dir}. */
  List<Path> write(Path dir, java.util.Map<String, Object> extra) throws IOException {
    Files.createDirectories(dir);
    StringBuilder cm = new StringBuilder("true\\predicted");
    for (String l : labels) cm.append(',').append(csv(l));
    cm.append('\n');
    for (int t = 0; t < labels.size(); t++) {
      cm.append(csv(labels.get(t)));
      for (long v : confusion[t]) cm.append(',').append(v);
      cm.append('\n');
    }
    StringBuilder pc = new StringBuilder("class,precision,recall,f1,support\n");
    for (int k = 0; k < labels.size(); k++) pc.append(csv(labels.get(k))).append(row(perClass[k], support[k]));
    pc.append("macro avg").append(row(macro(), total())).append("weighted avg").append(row(weighted(), total()));
    Path a = dir.resolve("confusion.csv"), b = dir.resolve("per_class.csv"), c = dir.resolve("eval.json");
    Files.writeString(a, cm, StandardCharsets.UTF_8);
    Files.writeString(b, pc, StandardCharsets.UTF_8);
    Files.writeString(c, json(extra), StandardCharsets.UTF_8);
    return List.of(a, b, c);
  }

  private static String row(double[] prf, long support) {
    return "," + prf[0] + "," + prf[1] + "," + prf[2] + "," + support + "\n";
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  String json(java.util.Map<String, Object> extra) {
    StringBuilder j = new StringBuilder("{\n");
    for (var e : extra.entrySet()) j.append("  ").append(Jsonish.str(e.getKey())).append(": ").append(Jsonish.value(e.getValue())).append(",\n");
    j.append("  \"examples\": ").append(total()).append(",\n");
    j.append("  \"accuracy\": ").append(Jsonish.num(accuracy())).append(",\n");
    j.append("  \"labels\": ").append(Jsonish.value(labels)).append(",\n");
    j.append("  \"per_class\": [\n");
    for (int k = 0; k < labels.size(); k++) {
      j.append("    {\"class\": ").append(k).append(", \"label\": ").append(Jsonish.str(labels.get(k))).append(", ").append(prf(perClass[k]))
          .append(", \"support\": ").append(support[k]).append(k + 1 < labels.size() ? "},\n" : "}\n");
    }
    j.append("  ],\n");
    j.append("  \"macro_avg\": {").append(prf(macro())).append("},\n");
    j.append("  \"weighted_avg\": {").append(prf(weighted())).append("},\n");
    j.append("  \"confusion_matrix\": [");
    for (int t = 0; t < confusion.length; t++) {
      j.append(t == 0 ? "\n    [" : ",\n    [");
      for (int p = 0; p < confusion[t].length; p++) j.append(p == 0 ? "" : ", ").append(confusion[t][p]);
      j.append(']');
    }
    return j.append("\n  ]\n}\n").toString();
  }

  private static String prf(double[] v) {
    return "\"precision\": " + Jsonish.num(v[0]) + ", \"recall\": " + Jsonish.num(v[1]) + ", \"f1\": " + Jsonish.num(v[2]);
  }
}
