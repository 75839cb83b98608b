package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.Shapes;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads MNIST-style IDX files (plain, or gzip-compressed: detected by the magic bytes 1f 8b, not
 * by the file name). Magic 0x00000803 is unsigned-byte images [N, rows, cols], returned as
 * float32 scaled to [0, 1] (value / 255); magic 0x00000801 is unsigned-byte labels [N], returned
 * as int64. Other magics, short headers and truncated data are rejected with the file name and
 * the expected and actual sizes.
 */
public final class Idx {
  static final int IMAGES = 0x0803;
  static final int LABELS = 0x0801;

  private Idx() {}

  /** Reads an IDX images or labels file; see the class comment for the formats. */
  public static Tensor read(Path file) {
    boolean gzip = false;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      return gzip ? read(new GZIPInputStream(raw), file, -1) : read(raw, file, Files.size(file));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("IDX " + file + ": no such file", e);
    } catch (IOException e) {
      if (gzip) throw new IllegalArgumentException("IDX " + file + ": corrupt gzip data: " + e.getMessage(), e);
      throw new UncheckedIOException("IDX " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the (decompressed) stream: header first, then exactly the data it declares. {@code total}
   * is the file's size when known (plain files: checked before any data is read), else -1 (gzip:
   * the data is read in chunks up to one byte past the declared length, so a header that lies
   * costs no more memory than the data behind it).
   */
  private static Tensor read(InputStream in, Path file, long total) throws IOException {
    byte[] m = in.readNBytes(4);
    if (m.length < 4) {
      throw new IllegalArgumentException("IDX " + file + ": file too short for the 4-byte magic number (" + m.length + " bytes)");
    }
    int magic = be32(m, 0);
    int ndim;
    if (magic == IMAGES) ndim = 3;
    else if (magic == LABELS) ndim = 1;
    else {
      throw new IllegalArgumentException(String.format(
          "IDX %s: bad magic number 0x%08x (expected 0x00000803 for images or 0x00000801 for labels)", file, magic));
    }
    int header = 4 + 4 * ndim;
    byte[] dims = in.readNBytes(4 * ndim);
    if (dims.length < 4 * ndim) {
      throw new IllegalArgumentException("IDX " + file + ": truncated header: expected " + header + " bytes, found " + (4 + dims.length));
    }
    int[] shape = new int[ndim];
    for (int d = 0; d < ndim; d++) {
      shape[d] = be32(dims, 4 * d);
      if (shape[d] < 0) throw new IllegalArgumentException("IDX " + file + ": negative dimension " + shape[d] + " in header");
    }
    long count = exactCount(shape);
    if (count < 0) {
      throw new IllegalArgumentException("IDX " + file + ": header " + java.util.Arrays.toString(shape) + " declares "
          + product(shape) + " elements, more than the " + Shapes.MAX_NUMEL + " one tensor can hold");
    }
    long n = count;
    long expected = header + n;
    if (total >= 0 && total != expected) throw mismatch(file, shape, header, n, total);
    java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    long got = 0;
    try {
      while (got <= n) {
        byte[] c = in.readNBytes((int) Math.min(1 << 20, n + 1 - got));
        if (c.length == 0) break;
        chunks.add(c);
        got += c.length;
      }
    } catch (OutOfMemoryError e) {
      chunks.clear();
      throw new IllegalArgumentException("IDX " + file + ": " + java.util.Arrays.toString(shape) + " needs " + n
          + " bytes, more than the Java heap can hold (max " + Runtime.getRuntime().maxMemory() + " bytes; raise -Xmx)");
    }
    if (got != n) {
      if (got > n) {
        throw new IllegalArgumentException("IDX " + file + ": trailing bytes: header " + java.util.Arrays.toString(shape) + " needs "
            + expected + " bytes (" + header + " header + " + n + " data), found more");
      }
      throw mismatch(file, shape, header, n, header + got);
    }
    int size = (int) n;
    Object out;
    try {
      out = magic == LABELS ? new long[size] : new float[size];
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException("IDX " + file + ": " + java.util.Arrays.toString(shape) + " needs " + n * (magic == LABELS ? 8 : 4)
          + " bytes, more than the Java heap can hold (max " + Runtime.getRuntime().maxMemory() + " bytes; raise -Xmx)");
    }
    int at = 0;
    for (byte[] c : chunks) {
      if (magic == LABELS) {
        long[] o = (long[]) out;
        for (byte b : c) o[at++] = b & 0xFF;
      } else {
        float[] o = (float[]) out;
        for (byte b : c) o[at++] = (b & 0xFF) / 255f;
      }
    }
    return Tensor.fromArray(out, shape);
  }

  /** The element count, or -1 when it exceeds what one tensor holds (computed without overflow). */
  private static long exactCount(int[] shape) {
    java.math.BigInteger n = product(shape);
    return n.compareTo(java.math.BigInteger.valueOf(Shapes.MAX_NUMEL)) > 0 ? -1 : n.longValue();
  }

  private static java.math.BigInteger product(int[] shape) {
    java.math.BigInteger n = java.math.BigInteger.ONE;
    for (int s : shape) n = n.multiply(java.math.BigInteger.valueOf(s));
    return n;
  }

  private static IllegalArgumentException mismatch(Path file, int[] shape, int header, long n, long found) {
    long expected = header + n;
    return new IllegalArgumentException("IDX " + file + ": " + (found < expected ? "truncated" : "trailing bytes")
        + ": header " + java.util.Arrays.toString(shape) + " needs " + expected + " bytes (" + header + " header + " + n
        + " data), found " + found);
  }

  /**
   * An images file and its labels file as a dataset (x [N, rows, cols] float32, y [N] int64);
   * both must be of the right kind and agree on N.
   */
  public static TensorDataset dataset(Path images, Path labels) {
    Tensor x = read(images);
    Tensor y = read(labels);
    String err = null;
    if (x.dim() != 3) err = images + " holds labels " + java.util.Arrays.toString(x.shape()) + ", expected images";
    else if (y.dim() != 1) err = labels + " holds images " + java.util.Arrays.toString(y.shape()) + ", expected labels";
    else if (x.shape()[0] != y.shape()[0]) {
      err = images + " has " + x.shape()[0] + " images but " + labels + " has " + y.shape()[0] + " labels";
    }
    if (err != null) {
      x.close();
      y.close();
      throw new IllegalArgumentException("IDX: " + err);
    }
    return new TensorDataset(x, y);
  }

  private static int be32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
