package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every validation of {@link SafeTensors#read} with its message, and truncated / corrupted files. */
class SafeTensorsMalformedTest {
  @TempDir Path dir;

  private Path file(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  private static byte[] build(long headerLength, byte[] header, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    return b.putLong(headerLength).put(header).put(data).array();
  }

  private static byte[] build(String header, int dataBytes) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return build(h.length, h, new byte[dataBytes]);
  }

  private void assertFails(String header, int dataBytes, String... fragments) throws IOException {
    assertFails(build(header, dataBytes), fragments);
  }

  private void assertFails(byte[] bytes, String... fragments) throws IOException {
    Path f = file("bad.safetensors", bytes);
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(f));
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    for (String s : fragments) assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
  }

  @Test
  void headerLengthChecks() throws IOException {
    assertFails(new byte[5], "file is 5 bytes, too short");
    assertFails(build(200_000_000L, new byte[8], new byte[0]), "header length 200000000 exceeds the limit of 100000000");
    assertFails(build(-1L, new byte[8], new byte[0]), "header length 18446744073709551615 exceeds the limit");
    assertFails(build(64, "{}      ".getBytes(StandardCharsets.US_ASCII), new byte[0]), "header length 64 exceeds the file size 16");
  }

  @Test
  void headerEncodingAndJson() throws IOException {
    byte[] bad = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'};
    assertFails(build(bad.length, bad, new byte[0]), "not valid UTF-8");
    assertFails("{\"a\":", 0, "header is not valid JSON", "expected a value");
    assertFails("[1,2]   ", 0, "header must be a JSON object, got an array");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
        8, "duplicate key \"a\"");
  }

  @Test
  void entryStructure() throws IOException {
    assertFails("{\"a\":[1]}", 0, "tensor \"a\": entry must be an object");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4],\"x\":1}}", 4, "unexpected field \"x\"");
    assertFails("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "dtype must be a string, got nothing");
    assertFails("{\"a\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "tensor \"a\": unknown dtype \"F33\"");
    assertFails("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1, "dtype F8_E4M3 is not supported");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":3,\"data_offsets\":[0,4]}}", 4, "shape must be an array, got 3");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "shape[0] must be a non-negative integer, got -1");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,4]}}", 4, "shape[0] must be a non-negative integer", "2.5");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[\"2\"],\"data_offsets\":[0,4]}}", 4, "shape[0] must be a non-negative integer, got the string \"2\"");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[3000000000],\"data_offsets\":[0,4]}}", 4, "shape[0] = 3000000000 exceeds 2147483647");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536,65536],\"data_offsets\":[0,4]}}", 4, "has more than");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4, "data_offsets must be an array [begin, end]");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4, "end before begin");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,99999999999999999999]}}", 4, "fits a long, got 99999999999999999999");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4, "data_offsets[0] must be a non-negative integer, got -4");
  }

  @Test
  void sizesAndOffsets() throws IOException {
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4,
        "tensor \"a\": shape [2] with dtype F32 needs 8 bytes but data_offsets [0, 4] span 4");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
        "tensor \"b\" data_offsets [4, 8] overlap tensor \"a\" which ends at 8");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", 12,
        "tensor \"b\" data_offsets [8, 12] leave a gap: expected begin 4");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "leave a gap: expected begin 0");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 6, "data section is 6 bytes but the tensors' data_offsets cover 8 (file truncated?)");
    assertFails("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 9, "data section is 9 bytes", "(trailing bytes)");
    assertFails("{\"a\":{\"dtype\":\"F64\",\"shape\":[1152921504606846976],\"data_offsets\":[0,9223372036854775807]}}", 8, "shape[0] = 1152921504606846976 exceeds");
  }

  @Test
  void metadataAndValues() throws IOException {
    assertFails("{\"__metadata__\":{\"k\":1}}", 0, "__metadata__ value of \"k\" must be a string, got 1");
    assertFails("{\"__metadata__\":[\"k\"]}", 0, "__metadata__ must be an object of strings, got an array");
    byte[] h = "{\"m\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]}}".getBytes(StandardCharsets.UTF_8);
    assertFails(build(h.length, h, new byte[] {1, 2}), "tensor \"m\" element 1 is 2, not a bool");
  }

  @Test
  void paddedHeaderWithMetadataOnlyIsValid() throws IOException {
    Path f = file("ok.safetensors", build("{\"__metadata__\":{\"k\":\"v\"}}    ", 0));
    assertEquals(Map.of("k", "v"), SafeTensors.read(f).metadata());
  }

  private byte[] validFile() throws IOException {
    Map<String, Tensor> ts = new LinkedHashMap<>();
    ts.put("w", Tensor.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
    ts.put("n", Tensor.of(5L, -6L));
    ts.put("z", Tensor.zeros(0, 3));
    ts.put("m", Tensor.of(true, false));
    ts.put("s", Tensor.scalar(3.25, io.jgrad.tensor.DType.FLOAT64));
    Path f = dir.resolve("valid.safetensors");
    SafeTensors.write(f, ts, Map.of("format", "pt"));
    return Files.readAllBytes(f);
  }

  private void assertCleanFailureOrSuccess(byte[] bytes, String what, boolean mustFail) throws IOException {
    Path f = file("cut.safetensors", bytes);
    try {
      SafeTensors.read(f);
      if (mustFail) fail(what + ": read succeeded");
    } catch (IOException | IllegalArgumentException e) {
      assertNotNull(e.getMessage(), what);
      assertTrue(e.getMessage().contains(f.toString()), what + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": raw " + e, e);
    }
  }

  @Test
  void everyTruncationFailsCleanly() throws IOException {
    byte[] full = validFile();
    for (int n = 0; n < full.length; n++) assertCleanFailureOrSuccess(Arrays.copyOf(full, n), "truncated at " + n, true);
  }

  @Test
  void corruptedBytesNeverGiveARawException() throws IOException {
    byte[] full = validFile();
    SplittableRandom r = new SplittableRandom(7);
    int headerEnd = (int) ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).getLong(0) + 8;
    for (int trial = 0; trial < 400; trial++) {
      byte[] b = full.clone();
      int flips = 1 + r.nextInt(3);
      for (int i = 0; i < flips; i++) {
        int at = r.nextInt(headerEnd);
        // digits and JSON punctuation are the interesting corruptions
        byte[] pool = "0123456789-,:[]{}\" e.9".getBytes(StandardCharsets.US_ASCII);
        b[at] = r.nextBoolean() ? pool[r.nextInt(pool.length)] : (byte) r.nextInt(256);
      }
      assertCleanFailureOrSuccess(b, "trial " + trial, false);
    }
  }
}
