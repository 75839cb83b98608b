package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by tools/golden/gen_safetensors.py (the format implemented with struct + json,
 * values from PyTorch, tensors ordered as the Rust writer orders them) load with the expected
 * dtypes, shapes and bit-exact values; re-writing them from Java and reading back is lossless.
 */
class SafeTensorsInteropTest {
  @TempDir Path dir;

  private Path resource(String name) throws IOException {
    Path f = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/safetensors/" + name)) {
      if (in == null) throw new IllegalStateException("missing test resource /safetensors/" + name + ": run tools/golden/gen_safetensors.py");
      Files.copy(in, f);
    }
    return f;
  }

  private static final Map<String, DType> TARGET = Map.ofEntries(Map.entry("F32", DType.FLOAT32), Map.entry("F64", DType.FLOAT64),
      Map.entry("I32", DType.INT32), Map.entry("I64", DType.INT64), Map.entry("BOOL", DType.BOOL), Map.entry("F16", DType.FLOAT32),
      Map.entry("BF16", DType.FLOAT32), Map.entry("U8", DType.INT32), Map.entry("I8", DType.INT32), Map.entry("I16", DType.INT32));

  private static double value(JsonElement e) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
      return switch (e.getAsString()) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException(e.getAsString());
      };
    }
    if (e.getAsJsonPrimitive().isBoolean()) return e.getAsBoolean() ? 1 : 0;
    return e.getAsDouble();
  }

  @Test
  void readsFilesWrittenFromPyTorch() throws IOException {
    JsonObject expected;
    try (InputStream in = getClass().getResourceAsStream("/safetensors/expected.json")) {
      expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    }
    SafeTensorsFile f = SafeTensors.read(resource("torch_all.safetensors"));
    assertEquals("pt", f.metadata().get("format"));
    assertEquals("written by gen_safetensors.py \u00e9", f.metadata().get("note"));
    JsonObject tensors = expected.getAsJsonObject("tensors");
    assertEquals(tensors.keySet(), f.tensors().keySet());
    int checked = 0;
    for (String name : tensors.keySet()) {
      JsonObject ex = tensors.getAsJsonObject(name);
      Tensor t = f.tensors().get(name);
      DType dtype = TARGET.get(ex.get("code").getAsString());
      assertEquals(dtype, t.dtype(), name);
      JsonArray shape = ex.getAsJsonArray("shape");
      int[] s = new int[shape.size()];
      for (int i = 0; i < s.length; i++) s[i] = shape.get(i).getAsInt();
      assertArrayEquals(s, t.shape(), name);
      JsonArray vals = ex.getAsJsonArray("values");
      assertEquals(vals.size(), t.numel(), name);
      if (dtype == DType.INT64) {
        long[] got = t.toLongArray();
        for (int i = 0; i < got.length; i++) assertEquals(vals.get(i).getAsLong(), got[i], name + "[" + i + "]");
      } else {
        double[] got = t.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
          double want = value(vals.get(i));
          if (dtype == DType.FLOAT32) want = (float) want; // Python printed the float32 value as a double
          assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got[i]), name + "[" + i + "]: " + want + " vs " + got[i]);
        }
      }
      checked++;
    }
    assertEquals(14, checked);
  }

  @Test
  void javaRewriteOfATorchFileReadsBackIdentical() throws IOException {
    SafeTensorsFile f = SafeTensors.read(resource("torch_all.safetensors"));
    Path out = dir.resolve("java.safetensors");
    SafeTensors.write(out, f.tensors(), f.metadata());
    SafeTensorsFile g = SafeTensors.read(out);
    assertEquals(f.metadata(), g.metadata());
    for (String k : f.tensors().keySet()) SafeTensorsTest.assertSameTensor(k, f.tensors().get(k), g.tensors().get(k));
  }

  @Test
  void unsupportedDtypeNamesIt() throws IOException {
    Path p = resource("torch_unsupported.safetensors");
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(p));
    assertTrue(e.getMessage().contains("tensor \"big\": dtype U64 is not supported by jgrad"), e.getMessage());
  }

  /**
   * jgrad's writer output for fixed tensors is byte-identical to the committed
   * java_written.safetensors, which tools/golden/gen_safetensors.py loads into PyTorch and checks
   * (run it after changing the writer; regenerate the file with -Djgrad.regenSafetensors=PATH).
   */
  @Test
  void javaOutputMatchesTheFileCheckedByPyTorch() throws IOException {
    Map<String, Tensor> ts = new java.util.LinkedHashMap<>();
    ts.put("w", Tensor.fromArray(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 1.25f}, 2, 3));
    ts.put("i", Tensor.of(Long.MIN_VALUE, 5L));
    ts.put("b", Tensor.of(true, false, true));
    ts.put("d", Tensor.scalar(2.5, DType.FLOAT64));
    ts.put("e", Tensor.zeros(0, 2));
    ts.put("n", Tensor.of(-7, Integer.MAX_VALUE));
    Map<String, String> meta = new java.util.LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("written_by", "jgrad");
    Path out = dir.resolve("java_out.safetensors");
    SafeTensors.write(out, ts, meta);
    String regen = System.getProperty("jgrad.regenSafetensors");
    if (regen != null) Files.copy(out, Path.of(regen), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertArrayEquals(Files.readAllBytes(resource("java_written.safetensors")), Files.readAllBytes(out));
  }
}
