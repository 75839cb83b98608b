package io.jgrad.nn;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parametrize: torch.nn.utils.parametrize semantics (keys, identity of the original, chains, removal). */
class ParametrizeTest {
  /** W * scale with a learned scale: a parametrization with its own parameter. */
  static final class Scale extends Parametrization {
    final Tensor scale;

    Scale(double s) { scale = registerParameter("scale", untracked(() -> Tensor.scalar(s, defaultDType()))); }

    @Override
    public Tensor forward(Tensor w) { return w.mul(scale); }
  }

  /** Two originals a, b with value a + 2b; rightInverse splits the value as (v/2, v/4). */
  static final class Split extends Parametrization {
    @Override
    public Tensor forward(Tensor w) { throw new UnsupportedOperationException(); }

    @Override
    public Tensor forward(List<Tensor> o) { return o.get(0).add(o.get(1).mul(2)); }

    @Override
    public List<Tensor> rightInverse(Tensor v) { return List.of(v.div(2), v.div(4)); }
  }

  static Linear linear() { return new Linear(3, 2, true, new Generator(5)); }

  static void assertClose(Tensor want, Tensor got) {
    double[] a = want.toDoubleArray(), b = got.toDoubleArray();
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-6, "element " + i);
  }

  @Test
  void forwardUsesTheFunctionAndKeysAreTorchs() {
    Linear lin = linear();
    Tensor w = lin.weight();
    Tensor x = Tensor.randn(new Generator(1), 4, 3);
    Parametrize.register(lin, "weight", Parametrization.of("tanh", Tensor::tanh));
    assertClose(x.matmul(w.tanh().t()).add(lin.bias()), lin.forward(x));
    // torch: nn.Linear with a parametrized weight -> ['bias', 'parametrizations.weight.original']
    assertEquals(List.of("bias", "parametrizations.weight.original"), new ArrayList<>(lin.stateDict().keySet()));
    assertSame(w, Parametrize.original(lin, "weight"));
    assertSame(w, lin.stateDict().get("parametrizations.weight.original"));
    assertTrue(Parametrize.isParametrized(lin, "weight"));
    assertFalse(Parametrize.isParametrized(lin, "bias"));
  }

  @Test
  void optimizerBuiltBeforeUpdatesTheOriginalThroughF() {
    Linear lin = linear();
    SGD opt = new SGD(lin.parameters(), 0.1);
    Tensor w = lin.weight();
    double[] before = w.toDoubleArray();
    Parametrize.register(lin, "weight", Parametrization.of("square", t -> t.mul(t)));
    Tensor x = Tensor.ones(2, 3);
    lin.forward(x).sum().backward();
    // d/dW sum(x W^2^T) = 2 W * colsum(x)=2 -> 4W
    double[] g = w.grad().toDoubleArray();
    for (int i = 0; i < g.length; i++) assertEquals(4 * before[i], g[i], 1e-5);
    opt.step();
    double[] after = w.toDoubleArray();
    for (int i = 0; i < after.length; i++) assertEquals(before[i] - 0.1 * 4 * before[i], after[i], 1e-5);
  }

  @Test
  void parametrizationParametersAreSavedAndTrained() {
    Linear lin = linear();
    Scale s = new Scale(2.0);
    Parametrize.register(lin, "weight", s);
    assertEquals(List.of("bias", "parametrizations.weight.original", "parametrizations.weight.0.scale"),
        new ArrayList<>(lin.stateDict().keySet()));
    lin.forward(Tensor.ones(1, 3)).sum().backward();
    assertTrue(s.scale.grad() != null);
    // loading restores both the original and the function's parameter
    Map<String, Tensor> saved = new LinkedHashMap<>();
    lin.stateDict().forEach((k, v) -> saved.put(k, v.copy()));
    Linear other = linear();
    Parametrize.register(other, "weight", new Scale(5.0));
    other.loadStateDict(saved);
    assertClose(lin.forward(Tensor.ones(2, 3)), other.forward(Tensor.ones(2, 3)));
  }

  @Test
  void chainAppliesInRegistrationOrder() {
    Linear lin = linear();
    Tensor w = lin.weight().copy();
    Parametrize.register(lin, "weight", Parametrization.of("plus1", t -> t.add(1)));
    Parametrize.register(lin, "weight", Parametrization.of("times3", t -> t.mul(3)));
    assertEquals(2, Parametrize.list(lin, "weight").functions().size());
    assertClose(w.add(1).mul(3), Parametrize.list(lin, "weight").value());
  }

  @Test
  void removeLeavesTheValueInTheSameTensor() {
    Linear lin = linear();
    Tensor w = lin.weight();
    Tensor want = w.copy().mul(2);
    Parametrize.register(lin, "weight", new Scale(2.0));
    Parametrize.remove(lin, "weight", true);
    assertSame(w, lin.weight());
    assertSame(w, lin.namedParameters().get("weight"));
    assertClose(want, w);
    assertEquals(List.of("bias", "weight"), new ArrayList<>(lin.stateDict().keySet()));
    assertFalse(Parametrize.isParametrized(lin));
  }

  @Test
  void removeKeepsTheOriginal() {
    Linear lin = linear();
    Tensor w0 = lin.weight().copy();
    Parametrize.register(lin, "weight", new Scale(2.0));
    Parametrize.remove(lin, "weight", false);
    assertClose(w0, lin.weight());
  }

  @Test
  void severalOriginals() {
    Linear lin = linear();
    Tensor w = lin.weight().copy();
    Parametrize.register(lin, "weight", new Split());
    assertEquals(List.of("bias", "parametrizations.weight.original0", "parametrizations.weight.original1"),
        new ArrayList<>(lin.stateDict().keySet()));
    // value = v/2 + 2 v/4 = v
    assertClose(w, Parametrize.list(lin, "weight").value());
    assertThrows(IllegalArgumentException.class, () -> Parametrize.original(lin, "weight"));
    assertThrows(IllegalArgumentException.class, () -> Parametrize.remove(lin, "weight", false));
    Parametrize.remove(lin, "weight", true);
    assertClose(w, lin.weight());
  }

  @Test
  void convAndEmbeddingReadTheirWeightsThroughParametrizations() {
    Conv2d conv = new Conv2d(2, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1, true, new Generator(2));
    Tensor x = Tensor.randn(new Generator(3), 1, 2, 4, 4);
    Tensor plain = conv.forward(x).mul(1);
    Parametrize.register(conv, "weight", Parametrization.of("neg", Tensor::neg));
    Parametrize.register(conv, "bias", Parametrization.of("neg", Tensor::neg));
    assertClose(plain.neg(), conv.forward(x));
    Embedding emb = new Embedding(5, 3);
    Tensor idx = Tensor.of(new long[] {1, 4});
    Tensor e0 = emb.forward(idx).copy();
    Parametrize.register(emb, "weight", Parametrization.of("double", t -> t.mul(2)));
    assertClose(e0.mul(2), emb.forward(idx));
  }

  @Test
  void errorsNameTheModuleAndTensor() {
    Linear lin = linear();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parametrize.register(lin, "gamma", Parametrization.of("id", t -> t)));
    assertTrue(e.getMessage().contains("Linear has no parameter 'gamma'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Parametrize.register(lin, "weight", Parametrization.of("sum", Tensor::sum)));
    assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    assertFalse(Parametrize.isParametrized(lin));
    e = assertThrows(IllegalArgumentException.class, () -> Parametrize.remove(lin, "weight", true));
    assertTrue(e.getMessage().contains("is not parametrized"), e.getMessage());
  }

  @Test
  void movesWithTheModuleToADevice() {
    Linear lin = linear();
    Parametrize.register(lin, "weight", new Scale(2.0));
    Tensor x = Tensor.randn(new Generator(4), 2, 3);
    Tensor cpu = lin.forward(x);
    lin.to(FAKE);
    Tensor dev = lin.forward(x.to(FAKE));
    assertEquals(FAKE, dev.device());
    assertClose(cpu, dev.to(io.jgrad.tensor.Device.CPU));
    assertNotEquals(DType.INT64, dev.dtype());
    assertArrayEquals(new int[] {2, 2}, dev.shape());
  }
}
