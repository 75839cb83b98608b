package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Autograd.vjp / jvp / hvp against torch.autograd.functional (tools/golden/gen_grad_functional.py):
 * hvp of a 2-layer tanh MLP loss, vjp and jvp of a tanh-linear map and a broadcast exp(a * b).
 */
class FunctionalGoldenTest {
  static final double ATOL = 1e-10, RTOL = 1e-8; // float64 end to end: only summation order differs

  static JsonObject load() {
    try (var in = FunctionalGoldenTest.class.getResourceAsStream("/golden/grad_functional.json")) {
      return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Tensor tensor(JsonObject o) {
    JsonArray s = o.getAsJsonArray("shape"), d = o.getAsJsonArray("data");
    int[] shape = new int[s.size()];
    for (int i = 0; i < shape.length; i++) shape[i] = s.get(i).getAsInt();
    double[] data = new double[d.size()];
    for (int i = 0; i < data.length; i++) data[i] = d.get(i).getAsDouble();
    return Tensor.fromArray(data, shape);
  }

  static List<Tensor> tensors(JsonArray a) {
    List<Tensor> r = new ArrayList<>();
    for (var e : a) r.add(tensor(e.getAsJsonObject()));
    return r;
  }

  /** Java twins of the Python functions, by name. */
  static Function<List<Tensor>, Tensor> fn(String name, List<Tensor> consts) {
    return switch (name) {
      case "mlp_loss" -> MemoryTest.mlpLoss(consts.get(0), consts.get(1));
      case "tanh_linear" -> in -> in.get(0).matmul(in.get(1)).tanh();
      case "exp_mul" -> in -> in.get(0).mul(in.get(1)).exp();
      default -> throw new IllegalArgumentException(name);
    };
  }

  static void assertClose(Tensor expected, Tensor actual, String what) {
    assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
    double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      assertTrue(Math.abs(e[i] - a[i]) <= ATOL + RTOL * Math.abs(e[i]),
          what + " element " + i + ": torch " + e[i] + " vs jgrad " + a[i]);
    }
  }

  @TestFactory
  Stream<DynamicTest> golden() {
    JsonArray cases = load().getAsJsonArray("cases");
    assertEquals(6, cases.size(), "golden cases");
    List<DynamicTest> tests = new ArrayList<>();
    for (var ce : cases) {
      JsonObject c = ce.getAsJsonObject();
      tests.add(DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
        List<Tensor> in = tensors(c.getAsJsonArray("inputs"));
        List<Tensor> v = tensors(c.getAsJsonArray("v"));
        List<Tensor> expected = tensors(c.getAsJsonArray("result"));
        var f = fn(c.get("fn").getAsString(), tensors(c.getAsJsonArray("consts")));
        assertClose(tensor(c.getAsJsonObject("output")), f.apply(in), "forward");
        List<Tensor> got = switch (c.get("kind").getAsString()) {
          case "hvp" -> Autograd.hvp(f, in, v);
          case "vjp" -> Autograd.vjp(f, in, v.get(0));
          case "jvp" -> List.of(Autograd.jvp(f, in, v));
          default -> throw new IllegalArgumentException(c.toString());
        };
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) assertClose(expected.get(i), got.get(i), c.get("kind").getAsString() + " " + i);
        for (Tensor x : in) assertNull(x.grad(), "functional helpers must not touch grad()");
      }));
    }
    return tests.stream();
  }

  @Test
  void hvpOfAQuadraticIsTheMatrixTimesV() {
    // f(x) = 0.5 x^T A x with symmetric A: H = A, so H v = A v.
    Tensor a = Tensor.fromArray(new double[] {2, 1, 0, 1, 3, -1, 0, -1, 4}, 3, 3);
    Tensor x = Tensor.fromArray(new double[] {0.3, -1, 2}, 3);
    Tensor v = Tensor.fromArray(new double[] {1, -2, 0.5}, 3);
    List<Tensor> hv = Autograd.hvp(in -> in.get(0).matmul(a).dot(in.get(0)).mul(0.5), List.of(x), List.of(v));
    assertArrayEquals(new double[] {0, -5.5, 4}, hv.get(0).toDoubleArray(), 1e-12);
  }

  @Test
  void vjpAndJvpAreAdjoint() {
    // <v, J t> == <J^T v, t> for f(x, w) = tanh(x w).
    var g = new io.jgrad.tensor.Generator(7);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 4, 3), w = Tensor.randn(g, DType.FLOAT64, 3, 2);
    Tensor v = Tensor.randn(g, DType.FLOAT64, 4, 2);
    Tensor tx = Tensor.randn(g, DType.FLOAT64, 4, 3), tw = Tensor.randn(g, DType.FLOAT64, 3, 2);
    Function<List<Tensor>, Tensor> f = in -> in.get(0).matmul(in.get(1)).tanh();
    Tensor jt = Autograd.jvp(f, List.of(x, w), List.of(tx, tw));
    List<Tensor> vj = Autograd.vjp(f, List.of(x, w), v);
    double lhs = dot(v, jt), rhs = dot(vj.get(0), tx) + dot(vj.get(1), tw);
    assertEquals(lhs, rhs, 1e-10 * Math.max(1, Math.abs(lhs)));
  }

  @Test
  void unusedInputsGetZerosAndIntInputsNull() {
    Tensor x = Tensor.of(1.0, 2.0), y = Tensor.of(3.0, 4.0), idx = Tensor.of(1L, 0L);
    List<Tensor> g = Autograd.vjp(in -> in.get(0).exp(), List.of(x, y, idx), Tensor.of(1.0, 1.0));
    assertArrayEquals(new double[] {Math.E, Math.exp(2)}, g.get(0).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0, 0}, g.get(1).toDoubleArray());
    assertNull(g.get(2));
  }

  @Test
  void badArgumentsNameTheProblem() {
    Tensor x = Tensor.of(1.0, 2.0);
    var e = assertThrows(IllegalArgumentException.class, () -> Autograd.vjp(in -> in.get(0).exp(), List.of(x), Tensor.of(1.0)));
    assertTrue(e.getMessage().contains("vjp: v has shape [1] but the output has shape [2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Autograd.hvp(in -> in.get(0).exp(), List.of(x), List.of(x)));
    assertTrue(e.getMessage().contains("hvp: f must return a scalar, got shape [2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Autograd.jvp(in -> in.get(0).exp(), List.of(x), List.of(Tensor.of(1.0))));
    assertTrue(e.getMessage().contains("jvp: tangent 0 has shape [1] but input 0 has shape [2]"), e.getMessage());
  }

  static double dot(Tensor a, Tensor b) {
    double[] x = a.toDoubleArray(), y = b.toDoubleArray();
    double s = 0;
    for (int i = 0; i < x.length; i++) s += x[i] * y[i];
    return s;
  }
}
