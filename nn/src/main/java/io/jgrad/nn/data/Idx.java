package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.io.ByteArrayInputStream;
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
    byte[] bytes = readMaybeGzip(file);
    if (bytes.length < 4) {
      throw new IllegalArgumentException("IDX " + file + ": file too short for the 4-byte magic number (" + bytes.length + " bytes)");
    }
    int magic = be32(bytes, 0);
    int ndim;
    if (magic == IMAGES) ndim = 3;
    else if (magic == LABELS) ndim = 1;
    else {
      throw new IllegalArgumentException(String.format(
          "IDX %s: bad magic number 0x%08x (expected 0x00000803 for images or 0x00000801 for labels)", file, magic));
    }
    int header = 4 + 4 * ndim;
    if (bytes.length < header) {
      throw new IllegalArgumentException("IDX " + file + ": truncated header: expected " + header + " bytes, found " + bytes.length);
    }
    int[] shape = new int[ndim];
    long n = 1;
    for (int d = 0; d < ndim; d++) {
      shape[d] = be32(bytes, 4 + 4 * d);
      if (shape[d] < 0) throw new IllegalArgumentException("IDX " + file + ": negative dimension " + shape[d] + " in header");
      n *= shape[d];
    }
    long expected = header + n;
    if (bytes.length != expected) {
      throw new IllegalArgumentException("IDX " + file + ": " + (bytes.length < expected ? "truncated" : "trailing bytes")
          + ": header " + java.util.Arrays.toString(shape) + " needs " + expected + " bytes (" + header + " header + " + n
          + " data), found " + bytes.length);
    }
    int count = (int) n;
    if (magic == LABELS) {
      long[] out = new long[count];
      for (int i = 0; i < count; i++) out[i] = bytes[header + i] & 0xFF;
      return Tensor.fromArray(out, shape);
    }
    float[] out = new float[count];
    for (int i = 0; i < count; i++) out[i] = (bytes[header + i] & 0xFF) / 255f;
    return Tensor.fromArray(out, shape);
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

  /** The file's bytes, decompressed when it starts with the gzip magic 1f 8b. */
  static byte[] readMaybeGzip(Path file) {
    try {
      byte[] raw = Files.readAllBytes(file);
      if (raw.length >= 2 && (raw[0] & 0xFF) == 0x1f && (raw[1] & 0xFF) == 0x8b) {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw new IllegalArgumentException("IDX " + file + ": corrupt gzip data: " + e.getMessage(), e);
        }
      }
      return raw;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("IDX " + file + ": no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("IDX " + file + ": " + e.getMessage(), e);
    }
  }

  private static int be32(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
