package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0 headers), C order only.
 * Dtypes: {@code <f4} float32, {@code <f8} float64, {@code <i4} int32, {@code <i8} int64,
 * {@code |u1} int32 (jgrad has no uint8), {@code |b1} bool; big-endian variants ({@code >f4}, ...)
 * are byte-swapped. Any other dtype, {@code fortran_order: True}, a bad magic or a data section
 * of the wrong length is an error naming the file.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** Reads the array in {@code file}. */
  public static Tensor read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("npy " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("npy " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  /**
   * A dataset from two .npy files: features [N, ...] (as float32) and targets [N, ...] (integer
   * arrays as int64 class labels, others as float32). Errors name the files.
   */
  public static TensorDataset dataset(Path features, Path targets) {
    Tensor x = read(features);
    Tensor y;
    try {
      y = read(targets);
    } catch (RuntimeException e) {
      x.close();
      throw e;
    }
    return ArrayData.dataset("npy " + features + " and " + targets, x, y, java.util.Map.of());
  }

  /** Parses the bytes of a .npy file; {@code name} appears in error messages. */
  public static Tensor parse(byte[] b, String name) {
    if (b.length < 10) throw new IllegalArgumentException("npy " + name + ": file too short (" + b.length + " bytes) for an npy header");
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[i] != MAGIC[i]) throw new IllegalArgumentException("npy " + name + ": bad magic (expected \\x93NUMPY): not a .npy file");
    }
    int major = b[6] & 0xFF;
    int headerLen;
    int start;
    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      headerLen = bb.getShort(8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (b.length < 12) throw new IllegalArgumentException("npy " + name + ": file too short for a version " + major + " header");
      long len = bb.getInt(8) & 0xFFFFFFFFL;
      if (len > b.length) throw new IllegalArgumentException("npy " + name + ": header length " + len + " exceeds file size " + b.length);
      headerLen = (int) len;
      start = 12;
    } else {
      throw new IllegalArgumentException("npy " + name + ": unsupported format version " + major + "." + (b[7] & 0xFF));
    }
    if (start + headerLen > b.length) {
      throw new IllegalArgumentException("npy " + name + ": truncated header: needs " + (start + headerLen) + " bytes, file has " + b.length);
    }
    String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, "descr", name);
    if (group(FORTRAN, header, "fortran_order", name).equals("True")) {
      throw new IllegalArgumentException("npy " + name + ": fortran_order True is not supported (save a C-order array: np.ascontiguousarray)");
    }
    int[] shape = parseShape(group(SHAPE, header, "shape", name), name);
    long n = 1;
    for (int s : shape) n *= s;
    if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("npy " + name + ": " + n + " elements is too many");
    int itemSize = itemSize(descr, name);
    int dataStart = start + headerLen;
    long expected = n * itemSize;
    long actual = b.length - dataStart;
    if (actual != expected) {
      throw new IllegalArgumentException("npy " + name + ": " + (actual < expected ? "truncated" : "trailing bytes") + ": shape "
          + java.util.Arrays.toString(shape) + " of " + descr + " needs " + expected + " data bytes, found " + actual);
    }
    ByteBuffer data = ByteBuffer.wrap(b, dataStart, (int) expected).slice()
        .order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    int count = (int) n;
    Object out = switch (descr.substring(1)) {
      case "f4" -> {
        float[] a = new float[count];
        data.asFloatBuffer().get(a);
        yield a;
      }
      case "f8" -> {
        double[] a = new double[count];
        data.asDoubleBuffer().get(a);
        yield a;
      }
      case "i4" -> {
        int[] a = new int[count];
        data.asIntBuffer().get(a);
        yield a;
      }
      case "i8" -> {
        long[] a = new long[count];
        data.asLongBuffer().get(a);
        yield a;
      }
      case "u1" -> {
        int[] a = new int[count];
        for (int i = 0; i < count; i++) a[i] = data.get(i) & 0xFF;
        yield a;
      }
      case "b1" -> {
        byte[] a = new byte[count];
        for (int i = 0; i < count; i++) a[i] = (byte) (data.get(i) != 0 ? 1 : 0);
        yield a;
      }
      default -> throw new IllegalStateException("unreachable: " + descr);
    };
    return Tensor.fromArray(out, shape);
  }

  private static int itemSize(String descr, String name) {
    return switch (descr) {
      case "<f4", ">f4", "<i4", ">i4" -> 4;
      case "<f8", ">f8", "<i8", ">i8" -> 8;
      case "|u1", "<u1", ">u1", "|b1", "<b1", ">b1" -> 1;
      default -> throw new IllegalArgumentException("npy " + name + ": unsupported dtype '" + descr
          + "' (supported: <f4 <f8 <i4 <i8 |u1 |b1)");
    };
  }

  private static String group(Pattern p, String header, String key, String name) {
    Matcher m = p.matcher(header);
    if (!m.find()) throw new IllegalArgumentException("npy " + name + ": header has no valid '" + key + "' entry: " + header.trim());
    return m.group(1);
  }

  private static int[] parseShape(String s, String name) {
    String[] parts = s.split(",");
    int count = 0;
    int[] shape = new int[parts.length];
    for (String p : parts) {
      String t = p.trim();
      if (t.isEmpty()) continue;
      try {
        long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
        if (v < 0 || v > Integer.MAX_VALUE) throw new NumberFormatException();
        shape[count++] = (int) v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("npy " + name + ": bad shape entry '" + t + "' in (" + s + ")");
      }
    }
    return java.util.Arrays.copyOf(shape, count);
  }
}
