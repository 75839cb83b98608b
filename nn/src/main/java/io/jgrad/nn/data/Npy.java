package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0 headers), C order only.
 * Dtypes: {@code <f4} float32, {@code <f8} float64, {@code <i4} int32, {@code <i8} int64,
 * {@code |u1} int32 (jgrad has no uint8), {@code |b1} bool; big-endian variants ({@code >f4}, ...)
 * are byte-swapped. Any other dtype, {@code fortran_order: True}, a bad magic or a data section
 * of the wrong length is an IllegalArgumentException naming the file.
 *
 * <p>Input from outside is checked before memory is committed to it: the header is validated
 * first ({@link NpyHeader}: its length, its dict, the exact element count), a file's size must
 * equal the header plus the data it declares before the array is allocated, and data from a
 * stream of unknown length (an npz member) is read in 1 MiB chunks as it arrives, so a header
 * that lies about its size costs no more memory than the data behind it. An array the heap
 * cannot hold is an IllegalArgumentException naming its size, not an OutOfMemoryError.
 */
public final class Npy {
  private static final int CHUNK = 1 << 20;

  private Npy() {}

  /** Reads the array in {@code file}. */
  public static Tensor read(Path file) {
    String name = file.toString();
    try (InputStream in = Files.newInputStream(file)) {
      long total = Files.size(file);
      NpyHeader h = NpyHeader.read(in, name, total);
      long actual = total - h.dataStart();
      if (actual != h.dataBytes()) throw lengthMismatch(h, name, actual);
      return decode(h, in, name);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("npy " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("npy " + file + ": " + e.getMessage(), e);
    }
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
    try {
      InputStream in = new ByteArrayInputStream(b);
      NpyHeader h = NpyHeader.read(in, name, b.length);
      long actual = b.length - h.dataStart();
      if (actual != h.dataBytes()) throw lengthMismatch(h, name, actual);
      return decode(h, in, name);
    } catch (IOException e) {
      throw new UncheckedIOException("npy " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads one array from a stream whose length is not known in advance (an npz member): the
   * data is read in chunks as it arrives and must end exactly where the header says.
   */
  static Tensor read(InputStream in, String name) throws IOException {
    NpyHeader h = NpyHeader.read(in, name, -1);
    List<byte[]> chunks = new ArrayList<>();
    long got = 0;
    try {
      while (got <= h.dataBytes()) {
        byte[] c = in.readNBytes((int) Math.min(CHUNK, h.dataBytes() + 1 - got));
        if (c.length == 0) break;
        chunks.add(c);
        got += c.length;
      }
    } catch (OutOfMemoryError e) {
      chunks.clear();
      throw NpyHeader.bad(name, "shape " + Arrays.toString(h.shape()) + " of " + h.descr() + " needs " + h.dataBytes()
          + " bytes, more than the Java heap can hold (max " + Runtime.getRuntime().maxMemory() + " bytes; raise -Xmx)");
    }
    if (got != h.dataBytes()) {
      throw got > h.dataBytes() ? NpyHeader.bad(name, "trailing bytes: shape " + Arrays.toString(h.shape()) + " of " + h.descr()
          + " needs " + h.dataBytes() + " data bytes, found more") : lengthMismatch(h, name, got);
    }
    return decode(h, new java.io.SequenceInputStream(java.util.Collections.enumeration(
        chunks.stream().map(ByteArrayInputStream::new).toList())), name);
  }

  private static IllegalArgumentException lengthMismatch(NpyHeader h, String name, long actual) {
    return NpyHeader.bad(name, (actual < h.dataBytes() ? "truncated" : "trailing bytes") + ": shape " + Arrays.toString(h.shape())
        + " of " + h.descr() + " needs " + h.dataBytes() + " data bytes, found " + actual);
  }

  /** The array for h's dtype, filled from {@code in} (which holds exactly h's data), as a tensor. */
  private static Tensor decode(NpyHeader h, InputStream in, String name) throws IOException {
    int count = h.count();
    Object out;
    try {
      out = switch (h.kind()) {
        case "f4" -> new float[count];
        case "f8" -> new double[count];
        case "i4", "u1" -> new int[count];
        case "i8" -> new long[count];
        default -> new byte[count];
      };
    } catch (OutOfMemoryError e) {
      throw NpyHeader.bad(name, "shape " + Arrays.toString(h.shape()) + " of " + h.descr() + " needs " + h.dataBytes()
          + " bytes, more than the Java heap can hold (max " + Runtime.getRuntime().maxMemory() + " bytes; raise -Xmx)");
    }
    int item = h.itemSize();
    byte[] raw = new byte[(int) Math.min(CHUNK, Math.max(item, h.dataBytes()))];
    int at = 0;
    while (at < count) {
      int n = Math.min(count - at, raw.length / item);
      int got = in.readNBytes(raw, 0, n * item);
      if (got < n * item) throw NpyHeader.bad(name, "unexpected end of data at element " + (at + got / item) + " of " + count);
      ByteBuffer b = ByteBuffer.wrap(raw, 0, n * item).order(h.order());
      switch (h.kind()) {
        case "f4" -> b.asFloatBuffer().get((float[]) out, at, n);
        case "f8" -> b.asDoubleBuffer().get((double[]) out, at, n);
        case "i4" -> b.asIntBuffer().get((int[]) out, at, n);
        case "i8" -> b.asLongBuffer().get((long[]) out, at, n);
        case "u1" -> {
          int[] o = (int[]) out;
          for (int i = 0; i < n; i++) o[at + i] = raw[i] & 0xFF;
        }
        default -> {
          byte[] o = (byte[]) out;
          for (int i = 0; i < n; i++) o[at + i] = (byte) (raw[i] != 0 ? 1 : 0);
        }
      }
      at += n;
    }
    return Tensor.fromArray(out, h.shape());
  }
}
