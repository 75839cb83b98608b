package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * BatchNorm over several steps against torch 1.13 (tools/golden/gen_batchnorm.py): momentum null
 * (cumulative average), trackRunningStats false, and steps inside {@link BatchNorm#freezeStats}.
 * Each step checks the output, the gradients of (y * w).sum() with respect to x, weight and bias,
 * and the state dict after it. float32 tolerances of STYLE.md: outputs and state atol 1e-6 /
 * rtol 1e-3 (the running statistics are rounded differently: torch updates them in one fused
 * kernel); gradients atol 1e-4 / rtol 1e-3.
 */
class BatchNormGoldenTest {
  static final JsonObject DOC = load();

  private static JsonObject load() {
    try (InputStream in = BatchNormGoldenTest.class.getResourceAsStream("/golden/batchnorm.json")) {
      if (in == null) throw new IllegalStateException("golden/batchnorm.json missing: run tools/golden/gen_batchnorm.py");
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static float[] floats(JsonElement e) {
    JsonArray a = e.getAsJsonArray();
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) out[i] = a.get(i).getAsFloat();
    return out;
  }

  static void close(String what, float[] want, Tensor got, double atol) {
    double[] g = got.to(DType.FLOAT64).toDoubleArray();
    assertEquals(want.length, g.length, what + ": size");
    for (int i = 0; i < want.length; i++) {
      assertTrue(Math.abs(want[i] - g[i]) <= atol + 1e-3 * Math.abs(want[i]), what + "[" + i + "]: expected " + want[i] + " got " + g[i]);
    }
  }

  static BatchNorm build(JsonObject c) {
    int ch = c.get("c").getAsInt();
    Double momentum = c.get("momentum").isJsonNull() ? null : c.get("momentum").getAsDouble();
    boolean affine = c.get("affine").getAsBoolean(), track = c.get("track").getAsBoolean();
    return c.get("layer").getAsString().equals("BatchNorm1d") ? new BatchNorm1d(ch, 1e-5, momentum, affine, track)
        : new BatchNorm2d(ch, 1e-5, momentum, affine, track);
  }

  @TestFactory
  Stream<DynamicTest> multiStepRuns() {
    JsonArray cases = DOC.getAsJsonArray("cases");
    assertEquals(7, cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
      String name = c.get("name").getAsString();
      BatchNorm m = build(c);
      List<String> keys = new ArrayList<>();
      c.getAsJsonArray("keys").forEach(k -> keys.add(k.getAsString()));
      assertEquals(keys, new ArrayList<>(m.stateDict().keySet()), name + ": state dict keys");
      Map<String, Tensor> init = new LinkedHashMap<>();
      for (var e : c.getAsJsonObject("initial").entrySet()) {
        Tensor like = m.stateDict().get(e.getKey());
        init.put(e.getKey(), like.dtype() == DType.INT64 ? Tensor.fromArray(new long[] {e.getValue().getAsJsonArray().get(0).getAsLong()}, new int[0])
            : Tensor.fromArray(floats(e.getValue()), like.shape()));
      }
      m.loadStateDict(init);
      int[] shape = c.getAsJsonArray("shape").asList().stream().mapToInt(JsonElement::getAsInt).toArray();
      int s = 0;
      for (JsonElement se : c.getAsJsonArray("steps")) {
        JsonObject step = se.getAsJsonObject();
        String kind = step.get("kind").getAsString();
        String at = name + " step " + (++s) + " (" + kind + ")";
        Tensor x = Tensor.fromArray(floats(step.get("x")), shape).requiresGrad(true);
        Tensor w = Tensor.fromArray(floats(step.get("w")), shape);
        m.zeroGrad();
        m.train(!kind.equals("eval"));
        Tensor y;
        if (kind.equals("frozen")) {
          try (var frozen = BatchNorm.freezeStats(m)) {
            assertTrue(m.statsFrozen());
            y = m.forward(x);
          }
          assertFalse(m.statsFrozen(), "closing the scope resumes the updates");
        } else {
          y = m.forward(x);
        }
        close(at + " y", floats(step.get("y")), y, 1e-6);
        y.mul(w).sum().backward();
        JsonArray grads = step.getAsJsonArray("grads");
        close(at + " dx", floats(grads.get(0)), x.grad(), 1e-4);
        if (c.get("affine").getAsBoolean()) {
          List<Tensor> ps = m.parameters();
          close(at + " dweight", floats(grads.get(1)), ps.get(0).grad(), 1e-4);
          close(at + " dbias", floats(grads.get(2)), ps.get(1).grad(), 1e-4);
        }
        for (var e : step.getAsJsonObject("state").entrySet()) {
          Tensor got = m.stateDict().get(e.getKey());
          if (got.dtype() == DType.INT64) assertEquals(e.getValue().getAsJsonArray().get(0).getAsLong(), got.toLongArray()[0], at + " " + e.getKey());
          else close(at + " " + e.getKey(), floats(e.getValue()), got, 1e-6);
        }
      }
    }));
  }
}
