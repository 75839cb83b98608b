package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Gradient clipping vs torch.nn.utils.clip_grad_norm_ / clip_grad_value_, plus edge cases. */
class ClipGoldenTest {
  static List<Tensor> paramsWithGrads(JsonObject c) {
    JsonArray grads = c.getAsJsonArray("grads");
    JsonArray shapes = c.getAsJsonArray("shapes");
    List<Tensor> ps = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      int[] shape = shapes.get(i).getAsJsonArray().asList().stream().mapToInt(JsonElement::getAsInt).toArray();
      Tensor p = Tensor.zeros(DType.FLOAT64, shape).requiresGrad(true);
      p.setGrad(Tensor.fromArray(OptimGoldenData.doubles(grads.get(i)), shape));
      ps.add(p);
    }
    return ps;
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    JsonArray cases = OptimGoldenData.DOC.getAsJsonArray("clipping");
    assertEquals(7, cases.size());
    return cases.asList().stream().map(JsonElement::getAsJsonObject).map(c -> DynamicTest.dynamicTest(
        c.get("kind").getAsString() + " " + (c.has("normType") ? c.get("normType") + "/" + c.get("maxNorm") : c.get("clip")), () -> {
          List<Tensor> ps = paramsWithGrads(c);
          if (c.get("kind").getAsString().equals("norm")) {
            double normType = c.get("normType").getAsJsonPrimitive().isString() ? Double.POSITIVE_INFINITY : c.get("normType").getAsDouble();
            double total = Clip.gradNorm(ps, c.get("maxNorm").getAsDouble(), normType);
            OptimizerGoldenTest.assertClose("total", new double[] {c.get("total").getAsDouble()}, new double[] {total});
          } else {
            Clip.gradValue(ps, c.get("clip").getAsDouble());
          }
          JsonArray clipped = c.getAsJsonArray("clipped");
          for (int i = 0; i < ps.size(); i++) {
            OptimizerGoldenTest.assertClose("grad " + i, OptimGoldenData.doubles(clipped.get(i)), ps.get(i).grad().toDoubleArray());
          }
        }));
  }

  @Test
  void nonFiniteNorm() {
    Tensor p = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
    p.setGrad(Tensor.of(1.0, Double.POSITIVE_INFINITY, 2.0));
    var e = assertThrows(IllegalArgumentException.class, () -> Clip.gradNorm(List.of(p), 1.0, 2.0, true));
    assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
    assertEquals(1.0, p.grad().get(0), "an error leaves the gradients unchanged");
    // As torch: without the flag, the NaN/inf coefficient propagates (inf total -> coef 0, 0 * inf = NaN).
    assertEquals(Double.POSITIVE_INFINITY, Clip.gradNorm(List.of(p), 1.0, 2.0, false));
    assertEquals(0.0, p.grad().get(0));
    assertTrue(Double.isNaN(p.grad().get(1)));
  }

  @Test
  void nullGradsAreSkippedAndNoneGivesZero() {
    Tensor a = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
    Tensor b = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
    assertEquals(0.0, Clip.gradNorm(List.of(a, b), 1.0));
    b.setGrad(Tensor.of(3.0, 4.0));
    assertEquals(5.0, Clip.gradNorm(List.of(a, b), 1.0), 1e-12);
    assertEquals(1.0, b.grad().norm().item(), 1e-5);
    assertEquals(null, a.grad());
  }

  @Test
  void badArguments() {
    Tensor a = Tensor.zeros(DType.FLOAT64, 2).requiresGrad(true);
    var e1 = assertThrows(IllegalArgumentException.class, () -> Clip.gradNorm(List.of(a), 1.0, 0.0));
    assertTrue(e1.getMessage().contains("normType"), e1.getMessage());
    var e2 = assertThrows(IllegalArgumentException.class, () -> Clip.gradValue(List.of(a), -1));
    assertTrue(e2.getMessage().contains("clip must be >= 0"), e2.getMessage());
  }
}
