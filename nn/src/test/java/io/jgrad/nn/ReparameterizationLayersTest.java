package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.nn.optim.SGD;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The catalog's reparameterizations and layers: they wrap existing layers, and their outputs have the promised structure. */
class ReparameterizationLayersTest {
  static Sequential mlp() {
    return Module.withDType(DType.FLOAT64, () -> new Sequential(new Linear(6, 5, true, new Generator(1)), new ReLU(),
        new Linear(5, 3, true, new Generator(2))));
  }

  @Test
  void fakeQuantInputWrapsLayersInPlaceAndQuantizesToTwoToTheBLevels() {
    Sequential m = mlp();
    Linear first = (Linear) m.get(0);
    List<FakeQuantInput> w = FakeQuantInput.wrapAll(m, Linear.class, () -> new LearnedClipFakeQuant(4, 2.0, -1.0));
    assertEquals(2, w.size());
    assertTrue(first == w.get(0).module(), "the wrapped layer is the same object");
    assertEquals(List.of("0.quant.clip_val", "0.quant.clip_valn", "0.module.weight", "0.module.bias", "2.quant.clip_val",
        "2.quant.clip_valn", "2.module.weight", "2.module.bias"), new ArrayList<>(m.stateDict().keySet()));
    Tensor x = Tensor.randn(new Generator(3), DType.FLOAT64, 40, 6).mul(2);
    Tensor q = w.get(0).quant().forward(x);
    TreeSet<Double> levels = new TreeSet<>();
    for (double v : q.toDoubleArray()) levels.add(v);
    assertTrue(levels.size() <= 16, levels.size() + " levels");
    assertEquals(-1.0, levels.first(), 1e-12);
    assertEquals(2.0, levels.last(), 1e-12);
    // the step is (c_p - c_n) / 15
    assertEquals(3.0 / 15, levels.higher(-1.0) + 1.0, 1e-12);
    m.forward(x).sum().backward();
    LearnedClipFakeQuant lq = (LearnedClipFakeQuant) w.get(0).quant();
    assertNotNull(lq.clipVal().grad());
    assertNotNull(lq.clipValn().grad());
  }

  @Test
  void learnedClipAsAWeightParametrization() {
    Linear lin = Module.withDType(DType.FLOAT64, () -> new Linear(6, 5, true, new Generator(1)));
    LearnedClipFakeQuant q = Module.withDType(DType.FLOAT64, () -> new LearnedClipFakeQuant(2, 0.3, -0.3));
    Parametrize.register(lin, "weight", q);
    TreeSet<Double> levels = new TreeSet<>();
    for (double v : Parametrize.list(lin, "weight").value().toDoubleArray()) levels.add(Math.rint(v * 1e12) / 1e12);
    assertEquals(4, levels.size(), "2 bits: " + levels);
    q.setBits(3);
    assertEquals(3, q.bits());
    assertThrows(IllegalArgumentException.class, () -> q.setBits(0));
  }

  @Test
  void bitwiseWeightsAreScaledIntegersWithHeStd() {
    Linear lin = Module.withDType(DType.FLOAT64, () -> new Linear(40, 30, true, new Generator(1)));
    Parametrize.register(lin, "weight", new BitwiseWeight(4, 7));
    assertEquals(List.of("bias", "parametrizations.weight.original0", "parametrizations.weight.original1",
        "parametrizations.weight.original2", "parametrizations.weight.original3"), new ArrayList<>(lin.stateDict().keySet()));
    Tensor w = Parametrize.list(lin, "weight").value();
    double std = w.std(new int[0], 0, false).item();
    assertEquals(Math.sqrt(2.0 / 40), std, 1e-9);
    double[] v = w.toDoubleArray();
    double unit = Double.MAX_VALUE;
    for (double x : v) if (x != 0) unit = Math.min(unit, Math.abs(x));
    for (double x : v) {
      double k = x / unit;
      assertEquals(Math.rint(k), k, 1e-9, "an integer multiple of the smallest magnitude");
      assertTrue(Math.abs(Math.rint(k)) <= 7, "3 magnitude bits: |k| <= 7, got " + k);
      assertNotEquals(0.0, x, "the reference's init has no zero weight");
    }
    // a training step flips bits through the straight-through estimators
    SGD opt = new SGD(lin.parameters(), 5.0);
    lin.forward(Tensor.randn(new Generator(2), DType.FLOAT64, 8, 40)).pow(2).sum().backward();
    for (Tensor o : Parametrize.list(lin, "weight").originals()) assertNotNull(o.grad());
    opt.step();
    Tensor after = Parametrize.list(lin, "weight").value();
    assertNotEquals(0.0, after.sub(w).abs().sum().item());
  }

  @Test
  void frozenBitsGetNoGradient() {
    Linear lin = Module.withDType(DType.FLOAT64, () -> new Linear(4, 3, false, new Generator(1)));
    Parametrize.register(lin, "weight", new BitwiseWeight(3, new boolean[] {false, true, true}, 1));
    lin.forward(Tensor.ones(DType.FLOAT64, 2, 4)).sum().backward();
    List<Tensor> o = Parametrize.list(lin, "weight").originals();
    assertNull(o.get(0).grad());
    assertNotNull(o.get(1).grad());
    assertNotNull(o.get(2).grad());
  }

  @Test
  void weightConditioningEquilibratesRowsAndLowersTheConditionNumber() {
    Linear lin = Module.withDType(DType.FLOAT64, () -> new Linear(6, 6, false, new Generator(1)));
    Tensor w = lin.weight();
    try (var off = io.jgrad.autograd.Grad.disabled()) {
      // very unequal row scales: a badly conditioned matrix
      w.mulInPlace(Tensor.fromArray(new double[] {100, 1, 0.01, 10, 1, 0.1}, 6, 1));
    }
    double before = cond(w);
    Parametrize.register(lin, "weight", new WeightConditioning("row", 1e-12));
    Tensor v = Parametrize.list(lin, "weight").value();
    for (double n : v.norm(2, new int[] {1}, false).toDoubleArray()) assertEquals(1.0, n, 1e-12);
    assertTrue(cond(v) < before / 10, "cond " + before + " -> " + cond(v));
  }

  static double cond(Tensor w) {
    double[] s = Linalg.svdvals(w).toDoubleArray();
    return s[0] / s[s.length - 1];
  }

  @Test
  void softThresholdSoftAndHard() {
    Tensor v = Tensor.of(new double[] {-1.0, -0.2, 0.0, 0.3, 2.0});
    SoftThreshold soft = Module.withDType(DType.FLOAT64, () -> new SoftThreshold(0.25, true, false));
    assertEquals(List.of(-0.75, 0.0, 0.0, 0.05, 1.75), toList(soft.forward(v)), "soft");
    SoftThreshold hard = Module.withDType(DType.FLOAT64, () -> new SoftThreshold(0.25, false, true));
    assertEquals(List.of(-1.0, 0.0, 0.0, 0.3, 2.0), toList(hard.forward(v)), "hard");
    assertEquals(List.of("theta"), new ArrayList<>(soft.namedParameters().keySet()));
    assertEquals(List.of("theta"), new ArrayList<>(hard.namedBuffers().keySet()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftThreshold(-1, true, false));
    assertEquals("soft_threshold: theta must be >= 0, got -1.0", e.getMessage());
  }

  static List<Double> toList(Tensor t) {
    List<Double> out = new ArrayList<>();
    for (double d : t.toDoubleArray()) out.add(Math.rint(d * 1e12) / 1e12 + 0.0); // -0.0 reads as 0.0
    return out;
  }
}
