package io.jgrad.nn.data;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a numeric, comma-separated file: one example per line, one column holding an integral
 * class label, every other column a feature. Blank lines are skipped; fields are trimmed; quoted
 * fields are not supported (numeric data only). Errors name the file, the 1-based line number
 * and (for a bad value) the 1-based column.
 *
 * <p>Limits for files from outside: a line longer than {@value #MAX_LINE_CHARS} characters, more
 * values than one tensor holds, text that is not UTF-8, or a table larger than the Java heap is
 * an IllegalArgumentException naming the line, never an OutOfMemoryError. Fields are parsed one
 * at a time, so a long line costs no more than its own characters.
 */
public final class Csv {
  /** The longest line accepted: 8 Mi characters (a million features of 8 characters each). */
  public static final int MAX_LINE_CHARS = 1 << 23;

  private Csv() {}

  /**
   * Reads {@code file}; {@code labelColumn} is 0-based (negative counts from the end, -1 = last);
   * with {@code header} the first non-blank line is skipped.
   */
  public static CsvData read(Path file, int labelColumn, boolean header) {
    int lineNo = 0;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Lines lines = new Lines(r);
      FloatList feats = new FloatList();
      LongList labels = new LongList();
      int fields = -1;
      int label = -1;
      boolean skipHeader = header;
      String line;
      while (true) {
        lineNo++;
        line = lines.next(file, lineNo);
        if (line == null) break;
        if (line.isBlank()) continue;
        int count = fieldCount(line);
        if (fields < 0) {
          fields = count;
          if (fields < 2) {
            throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": need at least 2 fields (features and a label), found " + fields);
          }
          label = labelColumn < 0 ? fields + labelColumn : labelColumn;
          if (label < 0 || label >= fields) {
            throw new IllegalArgumentException("CSV " + file + ": label column " + labelColumn + " out of range for " + fields + " fields");
          }
        } else if (count != fields) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": expected " + fields + " fields, found " + count);
        }
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        int from = 0;
        for (int c = 0; c < fields; c++) {
          int comma = line.indexOf(',', from);
          int to = comma < 0 ? line.length() : comma;
          String s = line.substring(from, to).trim();
          from = to + 1;
          double v;
          try {
            v = Double.parseDouble(s);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (c + 1) + ": '" + shorten(s) + "' is not a number");
          }
          if (c == label) {
            if (v != Math.rint(v) || Double.isInfinite(v)) {
              throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ", column " + (c + 1) + ": label '" + shorten(s) + "' is not an integer");
            }
            labels.add((long) v, file, lineNo);
          } else {
            feats.add((float) v, file, lineNo);
          }
        }
      }
      if (fields < 0) throw new IllegalArgumentException("CSV " + file + ": no data lines");
      int n = labels.size;
      return new CsvData(Tensor.fromArray(feats.toArray(), n, fields - 1), Tensor.fromArray(labels.toArray(), n));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("CSV " + file + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": not valid UTF-8 text (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("CSV " + file + ": " + e.getMessage(), e);
    }
  }

  private static int fieldCount(String line) {
    int n = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) n++;
    return n;
  }

  private static String shorten(String s) { return s.length() <= 80 ? s : s.substring(0, 77) + "..."; }

  /** Lines without their terminators (\n, \r\n or \r), refusing one over {@link #MAX_LINE_CHARS}. */
  private static final class Lines {
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos, end;
    private boolean skipLf;

    Lines(Reader in) { this.in = in; }

    String next(Path file, int lineNo) throws IOException {
      StringBuilder b = null;
      while (true) {
        if (pos == end) {
          end = in.read(buf, 0, buf.length);
          pos = 0;
          if (end <= 0) {
            end = 0;
            return b == null ? null : b.toString();
          }
        }
        if (skipLf) {
          skipLf = false;
          if (buf[pos] == '\n') {
            pos++;
            continue;
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') pos++;
        if (b == null) b = new StringBuilder();
        if ((long) b.length() + (pos - start) > MAX_LINE_CHARS) {
          throw new IllegalArgumentException("CSV " + file + " line " + lineNo + ": longer than " + MAX_LINE_CHARS + " characters");
        }
        b.append(buf, start, pos - start);
        if (pos < end) {
          skipLf = buf[pos] == '\r';
          pos++;
          return b.toString();
        }
      }
    }
  }

  private static final class FloatList {
    float[] a = new float[1024];
    int size;

    void add(float v, Path file, int line) {
      if (size == a.length) a = grow(a, file, line);
      a[size++] = v;
    }

    private static float[] grow(float[] a, Path file, int line) {
      if (a.length >= Shapes.MAX_NUMEL) {
        throw new IllegalArgumentException("CSV " + file + " line " + line + ": more than " + Shapes.MAX_NUMEL + " feature values");
      }
      try {
        return java.util.Arrays.copyOf(a, (int) Math.min(Shapes.MAX_NUMEL, 2L * a.length));
      } catch (OutOfMemoryError e) {
        throw tooLarge(file, line, a.length * 4L);
      }
    }

    float[] toArray() { return java.util.Arrays.copyOf(a, size); }
  }

  private static final class LongList {
    long[] a = new long[256];
    int size;

    void add(long v, Path file, int line) {
      if (size == a.length) {
        if (a.length >= Shapes.MAX_NUMEL) {
          throw new IllegalArgumentException("CSV " + file + " line " + line + ": more than " + Shapes.MAX_NUMEL + " rows");
        }
        try {
          a = java.util.Arrays.copyOf(a, (int) Math.min(Shapes.MAX_NUMEL, 2L * a.length));
        } catch (OutOfMemoryError e) {
          throw tooLarge(file, line, a.length * 8L);
        }
      }
      a[size++] = v;
    }

    long[] toArray() { return java.util.Arrays.copyOf(a, size); }
  }

  private static IllegalArgumentException tooLarge(Path file, int line, long bytes) {
    return new IllegalArgumentException("CSV " + file + " line " + line + ": the table read so far (" + bytes
        + " bytes) cannot grow within the Java heap (max " + Runtime.getRuntime().maxMemory() + " bytes; raise -Xmx)");
  }
}
