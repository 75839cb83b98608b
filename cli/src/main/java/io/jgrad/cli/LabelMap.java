package io.jgrad.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a classification run: class index {@code i} is label {@code names().get(i)}.
 *
 * <p>Fitted on the training file's label column: the distinct labels, sorted, numerically when
 * every label is an integer ({@code 0, 1, 2, 10}; {@code 1.0} reads as {@code 1}) and by
 * character code otherwise ({@code "Adelie", "Chinstrap", "Gentoo"}). With {@code --classes K}
 * the labels must instead be the integers {@code 0..K-1} (classes without a training example are
 * allowed). A label the map does not hold (in the test set, or outside {@code --classes}) is an
 * error naming the file, the line and the known labels: never a silent new class.
 */
final class LabelMap {
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  LabelMap(List<String> names) {
    if (names.size() < 2) throw new IllegalArgumentException("a classification needs at least 2 classes, got " + names);
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      if (index.put(names.get(i), i) != null) throw new IllegalArgumentException("label '" + names.get(i) + "' appears twice in " + names);
    }
  }

  /** The integer labels 0..classes-1 (digits, declared --classes, checkpoints without a label map). */
  static LabelMap indices(int classes) {
    List<String> n = new ArrayList<>();
    for (int i = 0; i < classes; i++) n.add(Integer.toString(i));
    return new LabelMap(n);
  }

  /**
   * The sorted distinct labels of {@code table} (declared {@code 0}); or, with {@code declared = K > 0},
   * the integers 0..K-1, every training label checked against them.
   */
  static LabelMap fit(CsvTable table, int declared) {
    String[] raw = table.labels();
    if (declared > 0) {
      LabelMap m = indices(declared);
      m.encode(table, "is outside --classes " + declared + " (labels 0.." + (declared - 1) + ")");
      return m;
    }
    boolean numeric = true;
    for (String s : raw) numeric &= integer(s) != null;
    TreeSet<String> distinct = new TreeSet<>(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
    for (String s : raw) distinct.add(numeric ? integer(s) : s);
    if (distinct.size() < 2) {
      throw new IllegalArgumentException("CSV " + table.file() + ": a classification needs at least 2 classes, but every label is '"
          + (distinct.isEmpty() ? "" : distinct.first()) + "'");
    }
    return new LabelMap(new ArrayList<>(distinct));
  }

  /** {@code s} as a canonical integer string ("1.0" and " 1" are "1"), or null when it is not an integer. */
  static String integer(String s) {
    String t = s.trim();
    try {
      return Long.toString(Long.parseLong(t));
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(t);
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) return Long.toString((long) d);
      } catch (NumberFormatException ignored) {
        // not a number at all
      }
      return null;
    }
  }

  int size() { return names.size(); }

  List<String> names() { return names; }

  String name(int i) { return names.get(i); }

  /** The class index of {@code label}, or -1. Integer labels match in any spelling ("2.0" is "2"). */
  int indexOf(String label) {
    Integer i = index.get(label.trim());
    if (i == null) {
      String n = integer(label);
      if (n != null) i = index.get(n);
    }
    return i == null ? -1 : i;
  }

  /** The class indices of {@code table}'s labels; an unknown label is an error naming the file, line and known labels. */
  long[] encode(CsvTable table, String problem) {
    String[] raw = table.labels();
    long[] y = new long[raw.length];
    for (int i = 0; i < raw.length; i++) {
      int k = indexOf(raw[i]);
      if (k < 0) {
        throw new IllegalArgumentException("CSV " + table.file() + " line " + table.lines()[i] + ": label '" + raw[i] + "' " + problem);
      }
      y[i] = k;
    }
    return y;
  }

  /** The problem text for a test label the training labels do not hold. */
  String unseen() {
    String known = names.size() <= 20 ? String.join(", ", names) : String.join(", ", names.subList(0, 20)) + ", ... (" + names.size() + ")";
    return "was never seen in training (the model's classes: " + known + ")";
  }

  @Override
  public String toString() { return names.toString(); }
}
