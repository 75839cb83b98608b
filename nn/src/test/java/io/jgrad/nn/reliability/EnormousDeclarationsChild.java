package io.jgrad.nn.reliability;

import io.jgrad.nn.data.Csv;
import io.jgrad.nn.data.Idx;
import io.jgrad.nn.data.Npy;
import io.jgrad.nn.data.Npz;
import io.jgrad.nn.io.SafeTensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Run by {@link EnormousDeclarationsTest} in a child JVM with a 128 MiB heap: small files whose
 * headers declare gigabytes (a shape, an offset, a header length, an element count that wraps a
 * long) or that inflate to hundreds of megabytes. Prints one line per file:
 * {@code CASE name | REFUSED | message}, {@code CASE name | READ | shape} or
 * {@code CASE name | BAD | throwable}; OutOfMemoryError is caught and printed as BAD.
 */
public final class EnormousDeclarationsChild {
  @FunctionalInterface
  interface Read {
    Object read(Path p) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("jgrad-enormous");
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, Read> readers = new LinkedHashMap<>();
    Read st = SafeTensors::read, npy = Npy::read, npz = Npz::read, idx = Idx::read, csv = p -> Csv.read(p, -1, false);

    put(files, readers, "safetensors shape [2^30, 4] F32, offsets [0, 2^34]", st,
        safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1073741824,4],\"data_offsets\":[0,17179869184]}}", 16));
    put(files, readers, "safetensors shape [2^31-1] I64", st,
        safetensors("{\"w\":{\"dtype\":\"I64\",\"shape\":[2147483647],\"data_offsets\":[0,17179869176]}}", 16));
    put(files, readers, "safetensors shape [2^16]*4 (count wraps to 0)", st,
        safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536,65536],\"data_offsets\":[0,0]}}", 0));
    put(files, readers, "safetensors data_offsets [0, 2^63-1]", st,
        safetensors("{\"w\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[0,9223372036854775807]}}", 8));
    put(files, readers, "safetensors header length 2^63-1", st, le64(Long.MAX_VALUE, new byte[16]));
    put(files, readers, "safetensors header length 99,999,999 in a 24-byte file", st, le64(99_999_999, new byte[16]));
    put(files, readers, "safetensors header of 1,200,000 JSON values", st,
        safetensors("{\"__metadata__\":{\"a\":\"b\"},\"w\":{\"dtype\":\"F32\",\"shape\":[" + "0,".repeat(1_200_000)
            + "0],\"data_offsets\":[0,0]}}", 0));
    put(files, readers, "npy shape (2147483639,) <f8 without data", npy, Corpus.npy("<f8", new int[] {0}, 1, "(2147483639,)"));
    put(files, readers, "npy shape (65536, 65536, 65536, 65536) <f4 (count wraps to 0)", npy,
        Corpus.npy("<f4", new int[] {0}, 1, "(65536, 65536, 65536, 65536)"));
    put(files, readers, "npy shape (2097152, 2097152, 4194304) |u1 (count wraps to 0)", npy,
        Corpus.npy("|u1", new int[] {0}, 1, "(2097152, 2097152, 4194304)"));
    put(files, readers, "npy version 2 header length 2^32-1", npy, npyV2HeaderLength());
    put(files, readers, "npz member declaring (2^28,) <f8 with 16 bytes of data", npz,
        zip("a.npy", concat(Corpus.npy("<f8", new int[] {0}, 1, "(268435456,)"), new byte[16]), 0));
    put(files, readers, "npz member declaring (8,) <f4 that inflates to 256 MiB", npz,
        zip("a.npy", Corpus.npy("<f4", new int[] {8}, 1, null), 256 << 20));
    put(files, readers, "npz with a 256 MiB member that is not an array", npz,
        zipTwo("junk.bin", 256 << 20, "a.npy", Corpus.npy("<f4", new int[] {8}, 1, null)));
    put(files, readers, "IDX images [2097152, 2097152, 4194304] (count wraps to 0)", idx, idxHeader(0x0803, 2097152, 2097152, 4194304));
    put(files, readers, "IDX images [60000, 32768, 32768]", idx, idxHeader(0x0803, 60000, 32768, 32768));
    put(files, readers, "IDX labels [2^31-1]", idx, idxHeader(0x0801, Integer.MAX_VALUE));
    put(files, readers, "gzip IDX labels [8] followed by 256 MiB", idx, gzip(idxHeader(0x0801, 8), 256 << 20));
    put(files, readers, "gzip IDX images [1, 16384, 16384] with 64 bytes", idx, gzip(concat(idxHeader(0x0803, 1, 16384, 16384), new byte[64]), 0));
    put(files, readers, "CSV with a 12 Mi-character line", csv, ("1," + "7".repeat(12 << 20) + ",0\n").getBytes(StandardCharsets.US_ASCII));

    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path f = dir.resolve("case-" + Math.abs(e.getKey().hashCode()) + ".bin");
      Files.write(f, e.getValue());
      String line;
      try {
        Object v = readers.get(e.getKey()).read(f);
        line = "READ | " + v;
      } catch (IllegalArgumentException | IOException | UncheckedIOException ex) {
        line = (ex.getMessage() != null && ex.getMessage().contains(f.toString()) ? "REFUSED | " : "UNNAMED | ")
            + ex.getMessage().replace(f.toString(), "<file>");
      } catch (Throwable t) {
        line = "BAD | " + t;
      }
      System.out.println("CASE " + e.getKey() + " | " + line);
      Files.delete(f);
    }
    Files.delete(dir);
  }

  private static void put(Map<String, byte[]> files, Map<String, Read> readers, String name, Read r, byte[] bytes) {
    files.put(name, bytes);
    readers.put(name, r);
  }

  static byte[] safetensors(String json, int dataBytes) {
    byte[] h = json.getBytes(StandardCharsets.UTF_8);
    return le64(h.length, concat(h, new byte[dataBytes]));
  }

  static byte[] le64(long v, byte[] rest) {
    return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN).putLong(v).put(rest).array();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] npyV2HeaderLength() {
    return ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0})
        .putInt(-1).array();
  }

  static byte[] idxHeader(int magic, int... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length).order(ByteOrder.BIG_ENDIAN).putInt(magic);
    for (int d : dims) b.putInt(d);
    return b.array();
  }

  /** {@code head} followed by {@code zeros} zero bytes, gzip-compressed (streamed: never all in memory). */
  static byte[] gzip(byte[] head, int zeros) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out, 1 << 16)) {
      z.write(head);
      writeZeros(z, zeros);
    }
    return out.toByteArray();
  }

  /** A zip holding one member: {@code data} followed by {@code zeros} zero bytes, deflated. */
  static byte[] zip(String name, byte[] data, int zeros) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry(name));
      z.write(data);
      writeZeros(z, zeros);
      z.closeEntry();
    }
    return out.toByteArray();
  }

  static byte[] zipTwo(String junk, int junkZeros, String name, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry(junk));
      writeZeros(z, junkZeros);
      z.closeEntry();
      z.putNextEntry(new ZipEntry(name));
      z.write(data);
      z.closeEntry();
    }
    return out.toByteArray();
  }

  private static void writeZeros(OutputStream z, int n) throws IOException {
    byte[] block = new byte[1 << 20];
    for (int left = n; left > 0; left -= block.length) z.write(block, 0, Math.min(left, block.length));
  }
}
