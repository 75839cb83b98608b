package io.jgrad.nn.io;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON
 * ({@code {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...,
 * "__metadata__": {"k": "v"}}}, padded with spaces so the data starts 8-byte aligned), then the
 * tensors' row-major little-endian bytes, back to back.
 *
 * <p>jgrad dtypes map to F32, F64, I32, I64 and BOOL. Reading also accepts F16 and BF16 (as
 * float32) and I8, U8, I16, U16 (as int32) and U32 (as int64), all exact; other dtypes are an
 * error naming the dtype.
 */
public final class SafeTensors {
  /** Largest header accepted by {@link #read}, as in the reference implementation. */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  private static final int CHUNK = 1 << 20;

  private SafeTensors() {}

  /**
   * Writes {@code tensors} (in map order) and {@code metadata} atomically (see {@link AtomicFile}):
   * the bytes go to a temporary file beside {@code file}, are forced to disk, and the temporary
   * file is renamed over {@code file}. On any failure (a full disk, a read-only directory) the
   * temporary file is deleted, a previous {@code file} is left as it was, and the IOException
   * names the file, the reason and that the previous file is unchanged. Temporary files left by
   * a writer that was killed are deleted by the next save of the same file.
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    write(file, tensors, metadata, AtomicFile.DEFAULT);
  }

  /** As {@link #write(Path, Map, Map)}, with the temporary file opened by {@code opener} (tests inject disk failures). */
  static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, AtomicFile.Opener opener) throws IOException {
    byte[] header = header(tensors, metadata);
    try {
      AtomicFile.write(file, ch -> {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).flip();
        writeFully(ch, len);
        writeFully(ch, ByteBuffer.wrap(header));
        for (Tensor t : tensors.values()) writeData(ch, t);
      }, opener);
    } catch (IOException e) {
      throw new IOException("safetensors: " + e.getMessage(), e.getCause());
    }
  }

  /** Writes without metadata. */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException { write(file, tensors, Map.of()); }

  /** The padded JSON header for these tensors (offsets in map order). */
  static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
    Map<String, Object> h = new LinkedHashMap<>();
    if (metadata != null && !metadata.isEmpty()) {
      Map<String, Object> m = new LinkedHashMap<>();
      metadata.forEach((k, v) -> {
        if (k == null || v == null) throw new IllegalArgumentException("safetensors: metadata key and value must not be null");
        m.put(k, v);
      });
      h.put(SafeTensorsHeader.METADATA_KEY, m);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      Tensor t = e.getValue();
      if (name == null || name.isEmpty()) throw new IllegalArgumentException("safetensors: tensor name must be a non-empty string");
      if (name.equals(SafeTensorsHeader.METADATA_KEY)) throw new IllegalArgumentException("safetensors: tensor name __metadata__ is reserved");
      if (t == null) throw new IllegalArgumentException("safetensors: tensor \"" + name + "\" is null");
      long bytes = (long) t.numel() * t.dtype().byteSize();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", SafeTensorsHeader.Code.of(t.dtype()).name());
      List<Object> shape = new java.util.ArrayList<>();
      for (int s : t.shape()) shape.add(s);
      entry.put("shape", shape);
      entry.put("data_offsets", List.of(offset, offset + bytes));
      h.put(name, entry);
      offset += bytes;
    }
    byte[] json = Json.write(h).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) & ~7;
    byte[] out = java.util.Arrays.copyOf(json, padded);
    java.util.Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  private static void writeData(FileChannel ch, Tensor t) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    switch (t.dtype()) {
      case FLOAT32 -> {
        float[] a = t.toFloatArray();
        for (int i = 0; i < a.length; ) {
          int n = Math.min(a.length - i, CHUNK / 4);
          buf.clear();
          buf.asFloatBuffer().put(a, i, n);
          buf.limit(n * 4);
          writeFully(ch, buf);
          i += n;
        }
      }
      case FLOAT64 -> {
        double[] a = t.toDoubleArray();
        for (int i = 0; i < a.length; ) {
          int n = Math.min(a.length - i, CHUNK / 8);
          buf.clear();
          buf.asDoubleBuffer().put(a, i, n);
          buf.limit(n * 8);
          writeFully(ch, buf);
          i += n;
        }
      }
      case INT32 -> {
        int[] a = t.toIntArray();
        for (int i = 0; i < a.length; ) {
          int n = Math.min(a.length - i, CHUNK / 4);
          buf.clear();
          buf.asIntBuffer().put(a, i, n);
          buf.limit(n * 4);
          writeFully(ch, buf);
          i += n;
        }
      }
      case INT64 -> {
        long[] a = t.toLongArray();
        for (int i = 0; i < a.length; ) {
          int n = Math.min(a.length - i, CHUNK / 8);
          buf.clear();
          buf.asLongBuffer().put(a, i, n);
          buf.limit(n * 8);
          writeFully(ch, buf);
          i += n;
        }
      }
      case BOOL -> {
        boolean[] a = t.toBooleanArray();
        byte[] b = new byte[a.length];
        for (int i = 0; i < a.length; i++) b[i] = (byte) (a[i] ? 1 : 0);
        writeFully(ch, ByteBuffer.wrap(b));
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) ch.write(b);
  }

  /**
   * Reads a safetensors file after validating its whole header (see {@link SafeTensorsHeader}).
   *
   * @throws SafeTensorsException when the file is truncated or malformed; the message names the
   *     file and the offending values
   */
  public static SafeTensorsFile read(Path file) throws IOException {
    String name = file.toString();
    try {
      return read(file, name);
    } catch (SafeTensorsException | java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // "Is a directory", "Permission denied", an I/O error: name the file and keep the cause.
      throw new IOException("safetensors: " + name + ": cannot read: " + e, e);
    }
  }

  private static SafeTensorsFile read(Path file, String name) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) throw SafeTensorsHeader.fail(name, "file is " + size + " bytes, too short for the 8-byte header length");
      ByteBuffer lb = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lb, 0, name);
      long n = lb.flip().getLong();
      if (n < 0 || n > MAX_HEADER_BYTES) {
        throw SafeTensorsHeader.fail(name, "header length " + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
      }
      if (n > size - 8) throw SafeTensorsHeader.fail(name, "header length " + n + " exceeds the file size " + size + " (file truncated?)");
      ByteBuffer hb = ByteBuffer.allocate((int) n);
      readFully(ch, hb, 8, name);
      String json;
      try {
        json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(hb.flip()).toString();
      } catch (CharacterCodingException e) {
        throw SafeTensorsHeader.fail(name, "header is not valid UTF-8");
      }
      long dataStart = 8 + n;
      SafeTensorsHeader h = SafeTensorsHeader.parse(name, json, size - dataStart);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (SafeTensorsHeader.Entry e : h.entries()) tensors.put(e.name(), readTensor(ch, dataStart, e, name));
      return new SafeTensorsFile(tensors, h.metadata());
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos, String name) throws IOException {
    while (b.hasRemaining()) {
      int r = ch.read(b, pos);
      if (r < 0) throw SafeTensorsHeader.fail(name, "unexpected end of file at byte " + pos + " (did the file shrink while it was read?)");
      pos += r;
    }
  }

  private static Tensor readTensor(FileChannel ch, long dataStart, SafeTensorsHeader.Entry e, String name) throws IOException {
    long bytes = e.end() - e.begin();
    if (bytes > Integer.MAX_VALUE - 8) {
      throw SafeTensorsHeader.fail(name, "tensor \"" + e.name() + "\" is " + bytes + " bytes, more than one tensor can hold (2 GiB)");
    }
    ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, b, dataStart + e.begin(), name);
    b.flip();
    int numel = e.numel();
    Object array = switch (e.dtype()) {
      case F32 -> { float[] a = new float[numel]; b.asFloatBuffer().get(a); yield a; }
      case F64 -> { double[] a = new double[numel]; b.asDoubleBuffer().get(a); yield a; }
      case I32 -> { int[] a = new int[numel]; b.asIntBuffer().get(a); yield a; }
      case I64 -> { long[] a = new long[numel]; b.asLongBuffer().get(a); yield a; }
      case BOOL -> {
        byte[] a = new byte[numel];
        b.get(a);
        for (int i = 0; i < numel; i++) {
          if (a[i] != 0 && a[i] != 1) {
            throw SafeTensorsHeader.fail(name, "tensor \"" + e.name() + "\" element " + i + " is " + (a[i] & 0xff) + ", not a bool (0 or 1)");
          }
        }
        yield a;
      }
      case F16 -> { float[] a = new float[numel]; for (int i = 0; i < numel; i++) a[i] = Float.float16ToFloat(b.getShort()); yield a; }
      case BF16 -> { float[] a = new float[numel]; for (int i = 0; i < numel; i++) a[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16); yield a; }
      case I16 -> { int[] a = new int[numel]; for (int i = 0; i < numel; i++) a[i] = b.getShort(); yield a; }
      case U16 -> { int[] a = new int[numel]; for (int i = 0; i < numel; i++) a[i] = b.getShort() & 0xffff; yield a; }
      case I8 -> { int[] a = new int[numel]; for (int i = 0; i < numel; i++) a[i] = b.get(); yield a; }
      case U8 -> { int[] a = new int[numel]; for (int i = 0; i < numel; i++) a[i] = b.get() & 0xff; yield a; }
      case U32 -> { long[] a = new long[numel]; for (int i = 0; i < numel; i++) a[i] = b.getInt() & 0xffffffffL; yield a; }
      default -> throw SafeTensorsHeader.fail(name, "tensor \"" + e.name() + "\": dtype " + e.dtype() + " is not supported");
    };
    return Tensor.fromArray(array, e.shape());
  }

  /** The jgrad dtype a safetensors dtype code loads as, or null when it cannot be loaded. */
  static DType dtypeOf(String code) {
    SafeTensorsHeader.Code c = SafeTensorsHeader.Code.parse(code);
    return c == null ? null : c.target;
  }
}
