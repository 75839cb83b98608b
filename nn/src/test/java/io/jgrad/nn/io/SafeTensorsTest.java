package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
  @TempDir Path dir;

  static final int[][] SHAPES = {{}, {0}, {1}, {3, 0, 2}, {7}, {2, 3}, {2, 3, 4}, {1, 1, 17}};

  static Tensor random(DType dtype, int[] shape, SplittableRandom r) {
    int n = 1;
    for (int s : shape) n *= s;
    Object a = switch (dtype) {
      case FLOAT32 -> { float[] x = new float[n]; for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian(); yield x; }
      case FLOAT64 -> { double[] x = new double[n]; for (int i = 0; i < n; i++) x[i] = r.nextGaussian(); yield x; }
      case INT32 -> { int[] x = new int[n]; for (int i = 0; i < n; i++) x[i] = r.nextInt(); yield x; }
      case INT64 -> { long[] x = new long[n]; for (int i = 0; i < n; i++) x[i] = r.nextLong(); yield x; }
      case BOOL -> { byte[] x = new byte[n]; for (int i = 0; i < n; i++) x[i] = (byte) r.nextInt(2); yield x; }
    };
    return Tensor.fromArray(a, shape);
  }

  static void assertSameTensor(String name, Tensor expected, Tensor actual) {
    assertEquals(expected.dtype(), actual.dtype(), name);
    assertArrayEquals(expected.shape(), actual.shape(), name);
    switch (expected.dtype()) {
      // bit patterns, so NaN payloads and -0.0 must survive too
      case FLOAT32, FLOAT64 -> assertArrayEquals(Stream.of(expected.toDoubleArray()).flatMapToDouble(java.util.Arrays::stream)
          .mapToLong(Double::doubleToRawLongBits).toArray(), Stream.of(actual.toDoubleArray()).flatMapToDouble(java.util.Arrays::stream)
          .mapToLong(Double::doubleToRawLongBits).toArray(), name);
      default -> assertArrayEquals(expected.toLongArray(), actual.toLongArray(), name);
    }
  }

  @Test
  void roundTripsEveryDtypeAndShape() throws IOException {
    SplittableRandom r = new SplittableRandom(42);
    Map<String, Tensor> ts = new LinkedHashMap<>();
    for (DType d : DType.values()) {
      for (int[] s : SHAPES) ts.put(d + "." + java.util.Arrays.toString(s), random(d, s, r));
    }
    ts.put("special", Tensor.of(0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE));
    ts.put("extremes", Tensor.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L));
    Map<String, String> meta = Map.of("format", "pt", "unicode \u00e9\u4e2d", "\"quoted\"\n");
    Path f = dir.resolve("all.safetensors");
    SafeTensors.write(f, ts, meta);
    SafeTensorsFile back = SafeTensors.read(f);
    assertEquals(List.copyOf(ts.keySet()), List.copyOf(back.tensors().keySet()));
    for (String k : ts.keySet()) assertSameTensor(k, ts.get(k), back.tensors().get(k));
    assertEquals(meta, back.metadata());
    // writing what was read gives the same bytes
    Path g = dir.resolve("again.safetensors");
    SafeTensors.write(g, back.tensors(), new LinkedHashMap<>(back.metadata()));
    SafeTensors.write(f, ts, new LinkedHashMap<>(back.metadata()));
    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(g));
  }

  @Test
  void writesNonContiguousViewsInRowMajorOrder() throws IOException {
    Tensor base = Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor t = base.transpose(0, 1);
    Path f = dir.resolve("t.safetensors");
    SafeTensors.write(f, Map.of("t", t));
    Tensor back = SafeTensors.read(f).tensors().get("t");
    assertArrayEquals(new int[] {3, 2}, back.shape());
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, back.toFloatArray());
  }

  @Test
  void byteLevelFormat() throws IOException {
    Map<String, Tensor> ts = new LinkedHashMap<>();
    ts.put("a", Tensor.of(1.0f, -2.0f));
    ts.put("b", Tensor.of(258L));
    ts.put("c", Tensor.of(true, false, true));
    ts.put("d", Tensor.of(1.5));
    Path f = dir.resolve("f.safetensors");
    SafeTensors.write(f, ts, Map.of("k", "v"));
    byte[] bytes = Files.readAllBytes(f);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long n = b.getLong(0);
    assertEquals(0, n % 8, "header padded to 8 bytes");
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    assertTrue(header.startsWith("{\"__metadata__\":{\"k\":\"v\"},"), header);
    String trimmed = header.stripTrailing();
    assertTrue(trimmed.endsWith("}"), header);
    assertTrue(header.substring(trimmed.length()).chars().allMatch(c -> c == ' '), "padding is spaces");
    assertTrue(header.length() - trimmed.length() < 8);
    Map<?, ?> h = (Map<?, ?>) Json.parse(header);
    assertEquals(offsets(0, 8), ((Map<?, ?>) h.get("a")).get("data_offsets"));
    assertEquals(offsets(8, 16), ((Map<?, ?>) h.get("b")).get("data_offsets"));
    assertEquals(offsets(16, 19), ((Map<?, ?>) h.get("c")).get("data_offsets"));
    assertEquals(offsets(19, 27), ((Map<?, ?>) h.get("d")).get("data_offsets"));
    assertEquals("F32", ((Map<?, ?>) h.get("a")).get("dtype"));
    assertEquals("I64", ((Map<?, ?>) h.get("b")).get("dtype"));
    assertEquals("BOOL", ((Map<?, ?>) h.get("c")).get("dtype"));
    assertEquals("F64", ((Map<?, ?>) h.get("d")).get("dtype"));
    assertEquals(8 + n + 27, bytes.length);
    int data = (int) (8 + n);
    assertEquals(1.0f, b.getFloat(data));
    assertEquals(-2.0f, b.getFloat(data + 4));
    assertEquals(0x3f800000, b.getInt(data), "little-endian float bits");
    assertEquals(2, bytes[data + 8]);
    assertEquals(1, bytes[data + 9]);
    assertEquals(258L, b.getLong(data + 8));
    assertArrayEquals(new byte[] {1, 0, 1}, java.util.Arrays.copyOfRange(bytes, data + 16, data + 19));
    assertEquals(1.5, b.getDouble(data + 19));
  }

  private static List<BigDecimal> offsets(long a, long b) { return List.of(BigDecimal.valueOf(a), BigDecimal.valueOf(b)); }

  @Test
  void emptyFileHasEmptyHeaderObject() throws IOException {
    Path f = dir.resolve("e.safetensors");
    SafeTensors.write(f, Map.of());
    byte[] bytes = Files.readAllBytes(f);
    assertEquals(16, bytes.length);
    assertEquals("{}      ", new String(bytes, 8, 8, StandardCharsets.UTF_8));
    SafeTensorsFile back = SafeTensors.read(f);
    assertTrue(back.tensors().isEmpty());
    assertTrue(back.metadata().isEmpty());
  }

  @Test
  void failedWriteLeavesPreviousFileAndNoTempFile() throws IOException {
    Path f = dir.resolve("ckpt.safetensors");
    SafeTensors.write(f, Map.of("w", Tensor.of(1f, 2f, 3f)), Map.of("step", "1"));
    byte[] before = Files.readAllBytes(f);
    Tensor broken = Tensor.of(4f, 5f);
    broken.close(); // downloading a closed tensor throws mid-write, after "w2" has been written
    Map<String, Tensor> ts = new LinkedHashMap<>();
    ts.put("w2", Tensor.of(new float[1000]));
    ts.put("broken", broken);
    assertThrows(RuntimeException.class, () -> SafeTensors.write(f, ts, Map.of("step", "2")));
    assertArrayEquals(before, Files.readAllBytes(f));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(f), files.toList(), "temporary file removed");
    }
    assertEquals(Map.of("step", "1"), SafeTensors.read(f).metadata());
  }

  @Test
  void writeReplacesExistingFile() throws IOException {
    Path f = dir.resolve("x.safetensors");
    SafeTensors.write(f, Map.of("a", Tensor.of(1, 2, 3)));
    SafeTensors.write(f, Map.of("b", Tensor.of(7.0)));
    SafeTensorsFile back = SafeTensors.read(f);
    assertEquals(List.of("b"), List.copyOf(back.tensors().keySet()));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void writeRejectsBadNames() {
    Path f = dir.resolve("n.safetensors");
    var e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, Map.of("__metadata__", Tensor.of(1f))));
    assertTrue(e.getMessage().contains("__metadata__ is reserved"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(f, Map.of("", Tensor.of(1f))));
    assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
    assertTrue(Files.notExists(f));
  }

  @Test
  void writtenFileGetsOrdinaryPermissions() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path f = dir.resolve("p.safetensors");
    SafeTensors.write(f, Map.of("a", Tensor.of(1f)));
    Path plain = Files.createFile(dir.resolve("plain"));
    // not the owner-only 0600 of Files.createTempFile
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
  }
}
