package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {
  static final Generator G = new Generator(3);

  /** A model with a named child holding a ModuleList, like torch's {@code self.layers = nn.ModuleList(...)}. */
  static final class Net extends Module {
    final Linear stem;
    final ModuleList layers;
    final BatchNorm1d norm;

    Net() {
      stem = registerModule("stem", new Linear(4, 5, true, G));
      layers = registerModule("layers", new ModuleList(new Linear(5, 5, false, G), new Linear(5, 5, true, G)));
      norm = registerModule("norm", new BatchNorm1d(5));
    }

    @Override
    public Tensor forward(Tensor x) {
      x = stem.forward(x);
      for (Module m : layers.modules()) x = m.forward(x).relu();
      return norm.forward(x);
    }
  }

  @Test
  void stateDictKeysMatchTorch() {
    // torch: nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).state_dict().keys()
    Sequential s = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(s.stateDict().keySet()));
    // torch, for the equivalent Python Net: params then buffers per module, depth first
    Net n = new Net();
    assertEquals(List.of("stem.weight", "stem.bias", "layers.0.weight", "layers.1.weight", "layers.1.bias", "norm.weight",
        "norm.bias", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked"), new ArrayList<>(n.stateDict().keySet()));
    assertEquals(List.of("stem.weight", "stem.bias", "layers.0.weight", "layers.1.weight", "layers.1.bias", "norm.weight",
        "norm.bias"), new ArrayList<>(n.namedParameters().keySet()));
    assertEquals(List.of("norm.running_mean", "norm.running_var", "norm.num_batches_tracked"),
        new ArrayList<>(n.namedBuffers().keySet()));
    assertEquals(List.of("", "stem", "layers", "layers.0", "layers.1", "norm"), new ArrayList<>(n.namedModules().keySet()));
    assertSame(n.norm, n.namedModules().get("norm"));
    assertEquals(7, n.parameters().size());
    assertEquals(3, n.buffers().size());
    for (Tensor p : n.parameters()) assertTrue(p.requiresGrad());
    for (Tensor b : n.buffers()) assertFalse(b.requiresGrad());
    assertEquals(4 * 5 + 5 + 25 + 25 + 5 + 5 + 5, n.parameterCount());
  }

  private static Map<String, Tensor> copyOf(Map<String, Tensor> sd) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    sd.forEach((k, v) -> out.put(k, v.detach().copy()));
    return out;
  }

  @Test
  void loadStateDictCopiesInPlace() {
    Net a = new Net(), b = new Net();
    Tensor bw = b.stem.weight();
    Map<String, Tensor> sd = copyOf(a.stateDict());
    Module.LoadResult r = b.loadStateDict(sd, true);
    assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty());
    assertSame(bw, b.stem.weight(), "parameters are updated in place");
    assertTrue(bw.requiresGrad() && bw.isLeaf());
    assertArrayEquals(a.stem.weight().toFloatArray(), bw.toFloatArray());
    assertArrayEquals(a.layers.get(1).stateDict().get("bias").toFloatArray(), b.layers.get(1).stateDict().get("bias").toFloatArray());
  }

  @Test
  void strictLoadListsMissingUnexpectedAndMisShapedAndLeavesModelUnchanged() {
    Net a = new Net(), b = new Net();
    Map<String, Tensor> before = copyOf(b.stateDict());
    Map<String, Tensor> sd = copyOf(a.stateDict());
    sd.remove("layers.1.bias");
    sd.put("head.weight", Tensor.zeros(2, 2));
    sd.put("stem.bias", Tensor.zeros(7));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(sd, true));
    String m = e.getMessage();
    assertTrue(m.contains("missing keys: [layers.1.bias]"), m);
    assertTrue(m.contains("unexpected keys: [head.weight]"), m);
    assertTrue(m.contains("stem.bias: checkpoint [7], model [5]"), m);
    assertTrue(m.contains("unchanged"), m);
    b.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toDoubleArray(), v.toDoubleArray(), 0, k + " changed"));
  }

  @Test
  void nonStrictLoadReportsKeysButMisShapedStillFails() {
    Net a = new Net(), b = new Net();
    Map<String, Tensor> sd = copyOf(a.stateDict());
    sd.remove("layers.1.bias");
    sd.put("head.weight", Tensor.zeros(2, 2));
    Module.LoadResult r = b.loadStateDict(sd, false);
    assertEquals(List.of("layers.1.bias"), r.missingKeys());
    assertEquals(List.of("head.weight"), r.unexpectedKeys());
    assertArrayEquals(a.stem.weight().toFloatArray(), b.stem.weight().toFloatArray());

    Net c = new Net();
    Map<String, Tensor> before = copyOf(c.stateDict());
    sd.put("norm.running_mean", Tensor.zeros(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.loadStateDict(sd, false));
    assertTrue(e.getMessage().contains("norm.running_mean: checkpoint [3], model [5]"), e.getMessage());
    assertFalse(e.getMessage().contains("missing keys"), e.getMessage());
    c.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k).toDoubleArray(), v.toDoubleArray(), 0, k + " changed"));
  }

  @Test
  void trainEvalPropagatesToChildren() {
    Net n = new Net();
    assertTrue(n.isTraining() && n.norm.isTraining() && n.layers.get(0).isTraining());
    n.eval();
    assertFalse(n.isTraining() || n.norm.isTraining() || n.layers.get(1).isTraining());
    Tensor rm = n.norm.runningMean().copy();
    n.forward(Tensor.randn(G, 6, 4));
    assertArrayEquals(rm.toFloatArray(), n.norm.runningMean().toFloatArray(), "eval mode leaves running stats alone");
    assertEquals(0, (long) n.norm.numBatchesTracked().item());
    n.train();
    assertTrue(n.norm.isTraining());
    n.forward(Tensor.randn(G, 6, 4));
    assertEquals(1, (long) n.norm.numBatchesTracked().item());
  }

  @Test
  void zeroGradDropsGradients() {
    Net n = new Net();
    n.forward(Tensor.randn(G, 6, 4)).sum().backward();
    for (Tensor p : n.parameters()) assertNotNull(p.grad());
    n.zeroGrad();
    for (Tensor p : n.parameters()) assertNull(p.grad());
  }

  @Test
  void parametersSurviveTensorScopes() {
    Linear l;
    try (TensorScope s = TensorScope.open()) {
      l = new Linear(3, 2);
      l.forward(Tensor.ones(1, 3)).sum().backward();
    }
    assertFalse(l.weight().isClosed());
    assertFalse(l.bias().isClosed());
    assertEquals(2, l.forward(Tensor.ones(1, 3)).size(1));
  }

  @Test
  void summaryListsLayersShapesAndCounts() {
    Sequential s = new Sequential(new Conv2d(1, 4, 3, 1, 1), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(64, 10));
    String t = s.summary(2, 1, 8, 8);
    assertTrue(t.contains("Input shape: [2, 1, 8, 8]"), t);
    String[] lines = t.split("\n");
    assertTrue(find(lines, "0 ").matches("0\\s+Conv2d\\s+\\[2, 4, 8, 8]\\s+40"), t);
    assertTrue(find(lines, "2 ").matches("2\\s+MaxPool2d\\s+\\[2, 4, 4, 4]\\s+0"), t);
    assertTrue(find(lines, "4 ").matches("4\\s+Linear\\s+\\[2, 10]\\s+650"), t);
    assertTrue(t.contains("Total params: 690"), t);
    assertTrue(s.isTraining(), "summary restores the training flag");
  }

  private static String find(String[] lines, String prefix) {
    for (String l : lines) if (l.startsWith(prefix)) return l.strip();
    throw new AssertionError("no line starting with '" + prefix + "'");
  }

  @Test
  void layerErrorsNameTheSizes() {
    Linear l = new Linear(3, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(Tensor.zeros(4, 5)));
    assertTrue(e.getMessage().contains("5 features") && e.getMessage().contains("inFeatures=3"), e.getMessage());
    Conv2d c = new Conv2d(3, 4, 3);
    e = assertThrows(IllegalArgumentException.class, () -> c.forward(Tensor.zeros(1, 2, 5, 5)));
    assertTrue(e.getMessage().contains("[1, 2, 5, 5]") && e.getMessage().contains("3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).forward(Tensor.zeros(1, 3, 1, 1)));
    assertTrue(e.getMessage().contains("more than 1 value per channel"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LayerNorm(4).forward(Tensor.zeros(2, 5)));
    assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[4]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));
    assertTrue(e.getMessage().contains("4") && e.getMessage().contains("3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 2).forward(Tensor.of(1L, 5L)));
    assertTrue(e.getMessage().contains("index 5 out of range for numEmbeddings 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
        () -> new ModuleList().forward(Tensor.zeros(1)));
    assertTrue(u.getMessage().contains("ModuleList"), u.getMessage());
  }
}
