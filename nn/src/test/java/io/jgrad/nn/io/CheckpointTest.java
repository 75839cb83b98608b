package io.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.Linear;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static Map<String, Tensor> model(float w0) {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("0.weight", Tensor.fromArray(new float[] {w0, 2, 3, 4, 5, 6}, 2, 3));
    m.put("0.bias", Tensor.of(0.5f, -0.5f));
    m.put("1.running_mean", Tensor.of(1.0, 2.0));
    m.put("1.num_batches_tracked", Tensor.scalar(7, DType.INT64));
    return m;
  }

  private static Map<String, Tensor> optim() {
    Map<String, Tensor> o = new LinkedHashMap<>();
    o.put("0.exp_avg", Tensor.fromArray(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 2, 3));
    o.put("0.step", Tensor.scalar(12, DType.INT64));
    return o;
  }

  @Test
  void saveLoadRoundTrip() throws IOException {
    Checkpoint c = new Checkpoint(model(1), optim(), 1234, -99, 4096, Map.of("optim.json", "{\"lr\":0.01}", "epoch", "3"));
    Path f = dir.resolve("c.safetensors");
    c.save(f);
    SafeTensorsFile raw = SafeTensors.read(f);
    assertEquals(List.of("model.0.weight", "model.0.bias", "model.1.running_mean", "model.1.num_batches_tracked", "optim.0.exp_avg",
        "optim.0.step"), List.copyOf(raw.tensors().keySet()));
    assertEquals("1234", raw.metadata().get("jgrad.step"));
    assertEquals(Checkpoint.FORMAT, raw.metadata().get("jgrad.format"));
    Checkpoint back = Checkpoint.load(f);
    assertEquals(1234, back.step());
    assertEquals(-99, back.seed());
    assertEquals(4096, back.rngOffset());
    assertEquals(c.metadata(), back.metadata());
    assertEquals(c.model().keySet(), back.model().keySet());
    assertEquals(c.optimizer().keySet(), back.optimizer().keySet());
    for (String k : c.model().keySet()) SafeTensorsTest.assertSameTensor(k, c.model().get(k), back.model().get(k));
    for (String k : c.optimizer().keySet()) SafeTensorsTest.assertSameTensor(k, c.optimizer().get(k), back.optimizer().get(k));
  }

  @Test
  void loadIntoCopiesInPlace() throws IOException {
    Path f = dir.resolve("c.safetensors");
    new Checkpoint(model(42), Map.of(), 1, 0, 0, Map.of()).save(f);
    Map<String, Tensor> target = model(0);
    Tensor w = target.get("0.weight");
    Checkpoint.load(f).loadInto(target);
    assertEquals(42f, w.get(0, 0), "same tensor object updated in place");
    assertEquals(7, target.get("1.num_batches_tracked").item());
  }

  @Test
  void mismatchChangesNothing() throws IOException {
    Path f = dir.resolve("c.safetensors");
    new Checkpoint(model(42), Map.of(), 1, 0, 0, Map.of()).save(f);
    Checkpoint c = Checkpoint.load(f);

    Map<String, Tensor> wrongShape = model(0);
    wrongShape.put("0.bias", Tensor.of(0f, 0f, 0f));
    var e = assertThrows(IllegalArgumentException.class, () -> c.loadInto(wrongShape));
    assertTrue(e.getMessage().contains("\"0.bias\" has shape [2] in the checkpoint but [3] here"), e.getMessage());
    assertEquals(0f, wrongShape.get("0.weight").get(0, 0), "validated before copying: weight untouched");

    Map<String, Tensor> wrongKeys = model(0);
    wrongKeys.remove("1.running_mean");
    wrongKeys.put("2.weight", Tensor.of(1f));
    e = assertThrows(IllegalArgumentException.class, () -> c.loadInto(wrongKeys));
    assertTrue(e.getMessage().contains("missing [2.weight]"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected [1.running_mean]"), e.getMessage());
    assertEquals(0f, wrongKeys.get("0.weight").get(0, 0));

    Map<String, Tensor> wrongDtype = model(0);
    wrongDtype.put("1.running_mean", Tensor.of(1f, 2f));
    e = assertThrows(IllegalArgumentException.class, () -> c.loadInto(wrongDtype));
    assertTrue(e.getMessage().contains("\"1.running_mean\" has dtype float64 in the checkpoint but float32 here"), e.getMessage());
    assertEquals(0f, wrongDtype.get("0.weight").get(0, 0));
  }

  @Test
  void worksWithAModuleStateDict() throws IOException {
    Linear a = new Linear(3, 2, true, new Generator(1));
    Linear b = new Linear(3, 2, true, new Generator(2));
    Path f = dir.resolve("lin.safetensors");
    new Checkpoint(a.stateDict(), Map.of(), 5, 1, 0, Map.of()).save(f);
    Checkpoint.load(f).loadInto(b.stateDict());
    for (String k : a.stateDict().keySet()) SafeTensorsTest.assertSameTensor(k, a.stateDict().get(k), b.stateDict().get(k));
    Linear other = new Linear(4, 2, true, new Generator(3));
    float[] before = other.stateDict().get("weight").toFloatArray();
    assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(f).loadInto(other.stateDict()));
    assertArrayEquals(before, other.stateDict().get("weight").toFloatArray());
  }

  @Test
  void foreignOrDamagedFiles() throws IOException {
    Path plain = dir.resolve("plain.safetensors");
    SafeTensors.write(plain, Map.of("model.w", Tensor.of(1f)), Map.of("format", "pt"));
    var e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(plain));
    assertTrue(e.getMessage().contains("not a jgrad checkpoint (metadata jgrad.format is missing"), e.getMessage());

    Path noPrefix = dir.resolve("np.safetensors");
    SafeTensors.write(noPrefix, Map.of("w", Tensor.of(1f)), Map.of("jgrad.format", Checkpoint.FORMAT));
    e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(noPrefix));
    assertTrue(e.getMessage().contains("tensor \"w\" has neither prefix"), e.getMessage());

    Path badStep = dir.resolve("bs.safetensors");
    SafeTensors.write(badStep, Map.of(), Map.of("jgrad.format", Checkpoint.FORMAT, "jgrad.step", "x1", "jgrad.rng.seed", "0", "jgrad.rng.offset", "0"));
    e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(badStep));
    assertTrue(e.getMessage().contains("metadata jgrad.step is \"x1\", not an integer"), e.getMessage());

    Path f = dir.resolve("c.safetensors");
    new Checkpoint(model(1), optim(), 1, 0, 0, Map.of()).save(f);
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    e = assertThrows(SafeTensorsException.class, () -> Checkpoint.load(f));
    assertTrue(e.getMessage().contains("file truncated?"), e.getMessage());

    var ex = assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), Map.of(), 0, 0, 0, Map.of("jgrad.step", "1")));
    assertTrue(ex.getMessage().contains("reserved prefix"), ex.getMessage());
  }

  @Test
  void failedSaveKeepsPreviousCheckpoint() throws IOException {
    Path f = dir.resolve("c.safetensors");
    new Checkpoint(model(1), optim(), 1, 0, 0, Map.of()).save(f);
    byte[] before = Files.readAllBytes(f);
    Map<String, Tensor> broken = model(2);
    broken.get("1.running_mean").close();
    assertThrows(RuntimeException.class, () -> new Checkpoint(broken, optim(), 2, 0, 0, Map.of()).save(f));
    assertArrayEquals(before, Files.readAllBytes(f));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
    assertEquals(1, Checkpoint.load(f).step());
  }
}
