package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a numeric, comma-separated file: one example per line, one column holding an integral
 * class label, every other column a feature. Blank lines are skipped; fields are trimmed; quoted
 * fields are not supported (numeric data only). Errors
 * name the file, the 1-based line number and (for a bad value) the 1-based column.
 */
public final class Csv {
  private Csv() {}

  /**
   * Reads {@code file}; {@code labelColumn} is 0-based (negative counts from the end, -1 = last);
   * with {@code header} the first non-blank line is skipped.
   */
  public static CsvData read(Path file, int labelColumn, boolean header) {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      FloatList feats = new FloatList();
      LongList labels = new LongList();
      int fields = -1;
      int label = -1;
      int lineNo = 0;
      boolean skipHeader = header;
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        String[] parts = line.split(",", -1);
        if (fields < 0) {
          fields = parts.length;
          if (fields < 2) {
            throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": need at least 2 fields (features and a label), found " + fields);
          }
          label = labelColumn < 0 ? fields + labelColumn : labelColumn;
          if (label < 0 || label >= fields) {
            throw new IllegalArgumentException("CSV " + file + ": label column " + labelColumn + " out of range for " + fields + " fields");
          }
        } else if (parts.length != fields) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + fields + " fields, found " + parts.length);
        }
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        for (int c = 0; c < fields; c++) {
          String s = parts[c].trim();
          double v;
          try {
            v = Double.parseDouble(s);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (c + 1) + ": '" + s + "' is not a number");
          }
          if (c == label) {
            if (v != Math.rint(v) || Double.isInfinite(v)) {
              throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (c + 1) + ": label '" + s + "' is not an integer");
            }
            labels.add((long) v);
          } else {
            feats.add((float) v);
          }
        }
      }
      if (fields < 0) throw new IllegalArgumentException("CSV " + file + ": no data lines");
      int n = labels.size;
      return new CsvData(Tensor.fromArray(feats.toArray(), n, fields - 1), Tensor.fromArray(labels.toArray(), n));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("CSV " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("CSV " + file + ": " + e.getMessage(), e);
    }
  }

  private static final class FloatList {
    float[] a = new float[1024];
    int size;

    void add(float v) {
      if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
      a[size++] = v;
    }

    float[] toArray() { return java.util.Arrays.copyOf(a, size); }
  }

  private static final class LongList {
    long[] a = new long[256];
    int size;

    void add(long v) {
      if (size == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
      a[size++] = v;
    }

    long[] toArray() { return java.util.Arrays.copyOf(a, size); }
  }
}
