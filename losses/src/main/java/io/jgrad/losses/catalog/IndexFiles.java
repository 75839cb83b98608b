package io.jgrad.losses.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the index files: tab-separated, lines starting with '#' are comments, the first other
 * line is the column header, '-' is an empty field. Every malformed line is an
 * IllegalArgumentException naming the file, the line number and the field.
 */
final class IndexFiles {
  static final String[] ROW_COLUMNS = {"id", "kind", "paper", "also", "priority", "package", "blocked", "bundles", "note"};
  static final String[] PAPER_COLUMNS = {"number", "title", "status", "reason"};
  static final String[] SPEC_COLUMNS = {"id", "paper"};

  private IndexFiles() {}

  static List<IndexRow> rows(String text, String source) {
    List<IndexRow> out = new ArrayList<>();
    for (Line l : lines(text, source, ROW_COLUMNS)) {
      String[] f = l.fields;
      out.add(new IndexRow(id(l, f[0]), kind(l, f[1]), number(l, "paper", f[2]), numbers(l, f[3]), priority(l, f[4]),
          f[5], f[6], ids(l, f[7]), f[8]));
    }
    return out;
  }

  static List<Paper> papers(String text, String source) {
    List<Paper> out = new ArrayList<>();
    for (Line l : lines(text, source, PAPER_COLUMNS)) {
      String[] f = l.fields;
      int n = number(l, "number", f[0]);
      if (n != out.size() + 1) throw l.error("papers must be numbered 1, 2, ... in order; expected " + (out.size() + 1) + ", got " + n);
      if (f[1].isEmpty()) throw l.error("empty title");
      Status s = null;
      if (!f[2].isEmpty()) {
        try {
          s = Status.valueOf(f[2]);
        } catch (IllegalArgumentException e) {
          throw l.error("status must be NONE or BLOCKED (or '-'), got '" + f[2] + "'");
        }
        if (s != Status.NONE && s != Status.BLOCKED) throw l.error("a paper's status is NONE or BLOCKED (or '-'), got " + s);
        if (f[3].isEmpty()) throw l.error("paper " + n + " has status " + s + " but no reason");
      } else if (!f[3].isEmpty()) {
        throw l.error("paper " + n + " has a reason but no status");
      }
      out.add(new Paper(n, f[1], s, f[3]));
    }
    return out;
  }

  static Map<String, Integer> specIds(String text, String source) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Line l : lines(text, source, SPEC_COLUMNS)) {
      if (out.put(id(l, l.fields[0]), number(l, "paper", l.fields[1])) != null) throw l.error("id '" + l.fields[0] + "' listed twice");
    }
    return out;
  }

  private record Line(String source, int number, String[] fields) {
    IllegalArgumentException error(String what) { return new IllegalArgumentException(source + " line " + number + ": " + what); }
  }

  private static List<Line> lines(String text, String source, String[] columns) {
    List<Line> out = new ArrayList<>();
    String[] all = text.split("\n", -1);
    boolean header = false;
    for (int i = 0; i < all.length; i++) {
      String s = all[i].endsWith("\r") ? all[i].substring(0, all[i].length() - 1) : all[i];
      if (s.isBlank() || s.startsWith("#")) continue;
      String[] f = s.split("\t", -1);
      Line l = new Line(source, i + 1, f);
      if (!header) {
        if (!String.join("\t", f).equals(String.join("\t", columns))) {
          throw l.error("expected the header '" + String.join("<TAB>", columns) + "', got '" + s.replace("\t", "<TAB>") + "'");
        }
        header = true;
        continue;
      }
      if (f.length != columns.length) throw l.error("expected " + columns.length + " tab-separated fields, got " + f.length);
      for (int k = 0; k < f.length; k++) {
        f[k] = f[k].strip();
        if (f[k].equals("-")) f[k] = "";
      }
      out.add(l);
    }
    if (!header) throw new IllegalArgumentException(source + ": no header line");
    return out;
  }

  private static String id(Line l, String s) {
    if (!s.matches("[a-z][a-z0-9_]*")) throw l.error("bad id '" + s + "' (lower_snake_case)");
    return s;
  }

  private static List<String> ids(Line l, String s) {
    List<String> out = new ArrayList<>();
    if (!s.isEmpty()) for (String p : s.split(";")) out.add(id(l, p.strip()));
    return out;
  }

  private static Kind kind(Line l, String s) {
    try {
      return Kind.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw l.error("unknown kind '" + s + "' (one of " + java.util.Arrays.toString(Kind.values()).toLowerCase(Locale.ROOT) + ")");
    }
  }

  private static int number(Line l, String what, String s) {
    try {
      int n = Integer.parseInt(s);
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw l.error(what + " must be a positive integer, got '" + s + "'");
    }
  }

  private static List<Integer> numbers(Line l, String s) {
    List<Integer> out = new ArrayList<>();
    if (!s.isEmpty()) for (String p : s.split(";")) out.add(number(l, "also", p.strip()));
    return out;
  }

  private static String priority(Line l, String s) {
    if (!s.matches("P[0-2]")) throw l.error("priority must be P0, P1 or P2, got '" + s + "'");
    return s;
  }
}
