package io.jgrad.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file of the command line: one example per line, numeric feature columns and, for
 * training and {@code eval}, one label column whose cells are any text (class names or numbers)
 * or, for regression, numeric target columns.
 * Blank lines are skipped, cells are trimmed and one pair of surrounding double quotes is removed
 * (quoted commas are not supported). Missing feature cells follow a {@link MissingPolicy}: an
 * error naming the line and column, the row dropped, or NaN kept for a later fill. Every error
 * names the file and the 1-based line (and column) it is about.
 *
 * @param header the header's cells, or null when the file has none
 * @param featureNames the feature columns' names (from the header), or null
 * @param labelName the label column's header name, or null
 * @param x the features, row-major [rows, features]; NaN for a missing cell under {@code mean}
 * @param labels the label cells (null when the file is read without a label column)
 * @param lines each row's line number in the file
 * @param dropped rows left out under {@code drop}
 * @param targets regression targets, row-major [rows, targetNames.size()] (empty without target columns)
 * @param targetNames the target columns' names (header names, else "column N")
 */
record CsvTable(Path file, List<String> header, List<String> featureNames, String labelName, int rows, int features, float[] x,
                String[] labels, int[] lines, int dropped, float[] targets, List<String> targetNames) {

  /** What to read: {@link #read} a {@code file}. */
  static final class Spec {
    Boolean header = false;
    Object label;
    List<Object> targets = List.of();
    List<String> wantedFeatures;
    int expectedFeatures = -1;
    String expectedWhy = "";
    MissingPolicy missing = MissingPolicy.ERROR;

    /** True, false, or null to detect: a first line with a cell that is neither a number nor a missing marker is a header. */
    Spec header(Boolean h) { header = h; return this; }

    /** The label column: an Integer (0-based, negative from the end), a header name, or null for no label column. */
    Spec label(Object column) { label = column; return this; }

    /** Regression target columns (Integer index, negative from the end, or header name); a row whose target is missing is dropped under drop, else refused. */
    Spec targets(List<Object> columns) { targets = List.copyOf(columns); return this; }

    /** The feature columns by header name, in this order (other columns are ignored); used only when the file has a header. */
    Spec wanted(List<String> names) { wantedFeatures = names; return this; }

    /** The number of feature columns there must be, and what says so (for the error). */
    Spec expect(int features, String why) { expectedFeatures = features; expectedWhy = why; return this; }

    Spec missing(MissingPolicy p) { missing = p; return this; }
  }

  static Spec spec() { return new Spec(); }

  static CsvTable read(Path file, Spec s) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return new Reader(file, s).read(r);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("CSV " + file + ": file not found", e);
    } catch (IOException e) {
      throw new UncheckedIOException("CSV " + file + ": " + e.getMessage(), e);
    }
  }

  /** The features of the rows {@code idx} (row-major). */
  float[] rowsOf(long[] idx) {
    float[] out = new float[idx.length * features];
    for (int i = 0; i < idx.length; i++) System.arraycopy(x, (int) idx[i] * features, out, i * features, features);
    return out;
  }

  static String cell(String raw) {
    String c = raw.trim();
    if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') c = c.substring(1, c.length() - 1).trim();
    return c;
  }

  private static final class Reader {
    final Path file;
    final Spec s;
    List<String> header;
    int fields = -1;
    int label = -1;
    int[] featureCols;
    int[] targetCols = new int[0];
    float[] y = new float[256];
    float[] x = new float[1024];
    final List<String> labels = new ArrayList<>();
    int[] lines = new int[256];
    int rows;
    int dropped;

    Reader(Path file, Spec s) {
      this.file = file;
      this.s = s;
    }

    CsvTable read(BufferedReader r) throws IOException {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) cells[i] = cell(cells[i]);
        if (fields < 0) {
          boolean isHeader = s.header != null ? s.header : looksLikeHeader(cells) || s.label instanceof String;
          layout(cells, isHeader, lineNo);
          if (isHeader) continue;
        } else if (cells.length != fields) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + fields + " fields (as on the first line), found "
              + cells.length);
        }
        row(cells, lineNo);
      }
      if (rows == 0) {
        throw new IllegalArgumentException("CSV " + file + ": no data lines" + (dropped > 0 ? " (all " + dropped + " had missing values)" : ""));
      }
      List<String> names = null;
      if (header != null) {
        names = new ArrayList<>();
        for (int c : featureCols) names.add(header.get(c));
      }
      List<String> targetNames = new ArrayList<>();
      for (int c : targetCols) targetNames.add(header != null ? header.get(c) : "column " + (c + 1));
      return new CsvTable(file, header, names, header != null && label >= 0 ? header.get(label) : null, rows, featureCols.length,
          Arrays.copyOf(x, rows * featureCols.length), label >= 0 ? labels.toArray(String[]::new) : null, Arrays.copyOf(lines, rows), dropped,
          Arrays.copyOf(y, rows * targetCols.length), targetNames);
    }

    /** A header has a cell, outside a label column given by index, that is neither a number nor a missing marker. */
    boolean looksLikeHeader(String[] cells) {
      int skip = s.label instanceof Integer i ? (i < 0 ? cells.length + i : i) : -1;
      for (int k = 0; k < cells.length; k++) {
        if (k == skip) continue;
        try {
          MissingPolicy.cellValue(cells[k]);
        } catch (NumberFormatException e) {
          return true;
        }
      }
      return false;
    }

    void layout(String[] first, boolean isHeader, int lineNo) {
      fields = first.length;
      if (isHeader) header = List.of(first);
      boolean[] used = new boolean[fields];
      if (s.label != null) {
        label = column(s.label, "label");
        used[label] = true;
      }
      targetCols = new int[s.targets.size()];
      for (int i = 0; i < targetCols.length; i++) {
        targetCols[i] = column(s.targets.get(i), "target");
        if (used[targetCols[i]]) throw new IllegalArgumentException("CSV " + file + ": column " + (targetCols[i] + 1) + " is given twice as a target");
        used[targetCols[i]] = true;
      }
      if (s.wantedFeatures != null && header != null) {
        featureCols = new int[s.wantedFeatures.size()];
        List<String> absent = new ArrayList<>();
        for (int i = 0; i < featureCols.length; i++) {
          featureCols[i] = header.indexOf(s.wantedFeatures.get(i));
          if (featureCols[i] < 0) absent.add(s.wantedFeatures.get(i));
        }
        if (!absent.isEmpty()) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": no column " + String.join(", ", absent) + " in the header ("
              + s.expectedWhy + ": " + String.join(", ", s.wantedFeatures) + "; the header: " + String.join(", ", header) + ")");
        }
        return;
      }
      int nf = fields - (label >= 0 ? 1 : 0) - targetCols.length;
      if (nf == 0 && targetCols.length > 0) {
        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": every one of the " + fields + " columns is a target: no features left");
      }
      if (s.expectedFeatures >= 0 && nf != s.expectedFeatures) {
        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + s.expectedFeatures + " feature columns ("
            + s.expectedWhy + "), found " + nf + (label >= 0 ? " besides the label column" : "") + " (" + fields + " fields)");
      }
      if (nf == 0) throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": no feature columns (" + fields + " field)");
      featureCols = new int[nf];
      for (int c = 0, k = 0; c < fields; c++) if (!used[c]) featureCols[k++] = c;
    }

    int column(Object ref, String role) {
      if (ref instanceof String name) {
        if (header == null) {
          throw new IllegalArgumentException("CSV " + file + ": the " + role + " column '" + name + "' is given by name, but the file has no header"
              + " (pass --header)");
        }
        int c = header.indexOf(name);
        if (c < 0) throw new IllegalArgumentException("CSV " + file + ": no column '" + name + "' in the header " + header);
        return c;
      }
      int given = (Integer) ref;
      int c = given < 0 ? fields + given : given;
      if (c < 0 || c >= fields) {
        throw new IllegalArgumentException("CSV " + file + ": " + role + " column " + given + " is out of range for " + fields + " fields");
      }
      return c;
    }

    void row(String[] cells, int lineNo) {
      int nf = featureCols.length;
      if ((rows + 1) * nf > x.length) x = Arrays.copyOf(x, Math.max(x.length * 2, (rows + 1) * nf));
      for (int i = 0; i < nf; i++) {
        int c = featureCols[i];
        double v;
        try {
          v = MissingPolicy.cellValue(cells[c]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where(lineNo, c) + ": '" + cells[c] + "' is not a number"
              + (rows == 0 && header == null && s.header != null ? " (is line " + lineNo + " a header? pass --header)" : ""));
        }
        String why = MissingPolicy.why(cells[c], v);
        if (why != null) {
          switch (s.missing) {
            case ERROR -> throw new IllegalArgumentException(where(lineNo, c) + ": " + why
                + " (pass --missing drop to leave such rows out, or --missing mean to fill them with the training mean)");
            case DROP -> {
              dropped++;
              return;
            }
            case MEAN -> v = Double.NaN;
          }
        }
        if (!Double.isNaN(v) && Float.isInfinite((float) v)) {
          throw new IllegalArgumentException(where(lineNo, c) + ": '" + cells[c] + "' is beyond the float32 range (about 3.4e38)");
        }
        x[rows * nf + i] = (float) v;
      }
      if (!targetRow(cells, lineNo)) return;
      if (label >= 0) {
        if (cells[label].isEmpty()) throw new IllegalArgumentException(where(lineNo, label) + ": the label is empty");
        labels.add(cells[label]);
      }
      if (rows == lines.length) lines = Arrays.copyOf(lines, rows * 2);
      lines[rows++] = lineNo;
    }

    /** Reads the row's targets into y; false when the row is dropped (a missing target under drop). */
    boolean targetRow(String[] cells, int lineNo) {
      int t = targetCols.length;
      if (t == 0) return true;
      if ((rows + 1) * t > y.length) y = Arrays.copyOf(y, Math.max(y.length * 2, (rows + 1) * t));
      for (int i = 0; i < t; i++) {
        int c = targetCols[i];
        double v;
        try {
          v = MissingPolicy.cellValue(cells[c]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where(lineNo, c) + ": the target '" + cells[c] + "' is not a number");
        }
        String why = MissingPolicy.why(cells[c], v);
        if (why == null && Float.isInfinite((float) v)) why = "'" + cells[c] + "' is beyond the float32 range (about 3.4e38)";
        if (why != null) {
          if (s.missing == MissingPolicy.DROP) {
            dropped++;
            return false;
          }
          throw new IllegalArgumentException(where(lineNo, c) + ": the target: " + why + " (a target is never filled; --missing drop leaves such rows out)");
        }
        y[rows * t + i] = (float) v;
      }
      return true;
    }

    String where(int lineNo, int col) {
      return "CSV " + file + " line " + lineNo + ", column " + (col + 1) + (header != null ? " (" + header.get(col) + ")" : "");
    }
  }
}
