package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a numeric, comma-separated file: one example per line. Columns are class labels (one
 * integral column, int64 [N]), regression targets (one or more float columns, float32 [N] or
 * [N, k]), named extra fields (float32 or int64 [N]: group ids, propensities), ignored, or
 * features (every other column, float32 [N, F]). Columns are given by 0-based index (negative
 * counts from the end, -1 = last) or, with a header, by name. Blank lines are skipped; fields are
 * trimmed; quoted fields are not supported (numeric data only). Errors name the file, the
 * 1-based line number and (for a bad value) the 1-based column.
 *
 * <pre>{@code
 * CsvData d = Csv.read(file, Csv.options().header(true).targets("price").intField("group", "region"));
 * TensorDataset ds = d.toDataset();      // batches carry y = price, field("group")
 * }</pre>
 */
public final class Csv {
  private Csv() {}

  /**
   * Classification: {@code labelColumn} (0-based, negative from the end) holds integral class
   * labels, every other column is a feature; with {@code header} the first non-blank line is skipped.
   */
  public static CsvData read(Path file, int labelColumn, boolean header) {
    return read(file, options().header(header).labels(labelColumn));
  }

  /** A fresh set of options: no header, no labels or targets, no fields. */
  public static CsvOptions options() { return new CsvOptions(); }

  /** Reads {@code file} as {@code options} say. */
  public static CsvData read(Path file, CsvOptions options) {
    if (options == null) throw new IllegalArgumentException("CSV " + file + ": options are null");
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Columns cols = null;
      Table table = null;
      int lineNo = 0;
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] parts = line.split(",", -1);
        if (cols == null) {
          cols = Columns.resolve(file, options, parts, lineNo);
          table = new Table(cols);
          if (options.header) continue;
        } else if (parts.length != cols.count) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + cols.count + " fields, found " + parts.length);
        }
        table.add(file, lineNo, parts);
      }
      if (cols == null) throw new IllegalArgumentException("CSV " + file + ": no data lines");
      return table.toData();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("CSV " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("CSV " + file + ": " + e.getMessage(), e);
    }
  }

  /** Which role each column has, resolved against the first line. */
  static final class Columns {
    int count;
    int label = -1;
    int[] targets = new int[0];
    final List<String> fieldNames = new ArrayList<>();
    final List<Integer> fieldColumns = new ArrayList<>();
    final List<Boolean> fieldInt = new ArrayList<>();
    int[] features;

    static Columns resolve(Path file, CsvOptions o, String[] first, int lineNo) {
      Columns c = new Columns();
      c.count = first.length;
      if (o.minimumFields() > c.count) {
        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": need at least " + o.minimumFields()
            + " fields (" + o.describe() + "), found " + c.count);
      }
      List<String> header = new ArrayList<>();
      if (o.header) for (String p : first) header.add(p.trim());
      boolean[] used = new boolean[c.count];
      if (o.label != null) c.label = c.take(file, "label", o.label, header, used);
      c.targets = new int[o.targets.size()];
      for (int i = 0; i < c.targets.length; i++) c.targets[i] = c.take(file, "target", o.targets.get(i), header, used);
      for (var f : o.fields.entrySet()) {
        c.fieldNames.add(f.getKey());
        c.fieldColumns.add(c.take(file, "field '" + f.getKey() + "'", f.getValue().column(), header, used));
        c.fieldInt.add(f.getValue().integral());
      }
      for (Object ig : o.ignored) c.take(file, "ignored", ig, header, used);
      int nf = 0;
      for (boolean u : used) if (!u) nf++;
      if (nf == 0) throw new IllegalArgumentException("CSV " + file + ": no feature columns left (" + c.count + " fields, all assigned)");
      c.features = new int[nf];
      for (int i = 0, k = 0; i < c.count; i++) if (!used[i]) c.features[k++] = i;
      return c;
    }

    private int take(Path file, String role, Object ref, List<String> header, boolean[] used) {
      int col;
      if (ref instanceof String name) {
        if (header.isEmpty()) {
          throw new IllegalArgumentException("CSV " + file + ": " + role + " column '" + name + "' is given by name, but the file is read without a header");
        }
        col = header.indexOf(name);
        if (col < 0) throw new IllegalArgumentException("CSV " + file + ": no column '" + name + "' (" + role + ") in the header " + header);
      } else {
        int given = (Integer) ref;
        col = given < 0 ? count + given : given;
        if (col < 0 || col >= count) {
          throw new IllegalArgumentException("CSV " + file + ": " + role + " column " + given + " out of range for " + count + " fields");
        }
      }
      if (used[col]) throw new IllegalArgumentException("CSV " + file + ": column " + (col + 1) + " is given two roles (the second: " + role + ")");
      used[col] = true;
      return col;
    }
  }

  /** The values read so far. */
  private static final class Table {
    final Columns c;
    final FloatList feats = new FloatList();
    final LongList labels = new LongList();
    final FloatList targets = new FloatList();
    final List<FloatList> floatFields = new ArrayList<>();
    final List<LongList> longFields = new ArrayList<>();
    int rows;

    Table(Columns c) {
      this.c = c;
      for (int i = 0; i < c.fieldNames.size(); i++) {
        floatFields.add(new FloatList());
        longFields.add(new LongList());
      }
    }

    void add(Path file, int lineNo, String[] parts) {
      double[] v = new double[parts.length];
      for (int col = 0; col < parts.length; col++) {
        String s = parts[col].trim();
        try {
          v[col] = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (col + 1) + ": '" + s + "' is not a number");
        }
      }
      for (int col : c.features) feats.add((float) v[col]);
      if (c.label >= 0) labels.add(integral(file, lineNo, c.label, "label", parts, v));
      for (int col : c.targets) targets.add((float) v[col]);
      for (int i = 0; i < c.fieldNames.size(); i++) {
        int col = c.fieldColumns.get(i);
        if (c.fieldInt.get(i)) longFields.get(i).add(integral(file, lineNo, col, "field '" + c.fieldNames.get(i) + "' value", parts, v));
        else floatFields.get(i).add((float) v[col]);
      }
      rows++;
    }

    private static long integral(Path file, int lineNo, int col, String what, String[] parts, double[] v) {
      if (v[col] != Math.rint(v[col]) || Double.isInfinite(v[col])) {
        throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (col + 1) + ": " + what + " '"
            + parts[col].trim() + "' is not an integer");
      }
      return (long) v[col];
    }

    CsvData toData() {
      Tensor x = Tensor.fromArray(feats.toArray(), rows, c.features.length);
      Tensor y = null;
      if (c.label >= 0) y = Tensor.fromArray(labels.toArray(), rows);
      else if (c.targets.length == 1) y = Tensor.fromArray(targets.toArray(), rows);
      else if (c.targets.length > 1) y = Tensor.fromArray(targets.toArray(), rows, c.targets.length);
      Map<String, Tensor> fields = new LinkedHashMap<>();
      for (int i = 0; i < c.fieldNames.size(); i++) {
        fields.put(c.fieldNames.get(i), c.fieldInt.get(i) ? Tensor.fromArray(longFields.get(i).toArray(), rows)
            : Tensor.fromArray(floatFields.get(i).toArray(), rows));
      }
      return new CsvData(x, y, fields);
    }
  }

  private static final class FloatList {
    float[] a = new float[1024];
    int size;

    void add(float v) {
      if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[size++] = v;
    }

    float[] toArray() { return Arrays.copyOf(a, size); }
  }

  private static final class LongList {
    long[] a = new long[256];
    int size;

    void add(long v) {
      if (size == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[size++] = v;
    }

    long[] toArray() { return Arrays.copyOf(a, size); }
  }
}
