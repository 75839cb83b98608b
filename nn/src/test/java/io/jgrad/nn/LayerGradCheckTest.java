package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.GradCheck;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference gradcheck (float64, central differences) of each layer's input gradient, the
 * layer built with float64 parameters ({@link Module#withDType}).
 */
class LayerGradCheckTest {
  static final Generator G = new Generator(5);

  record Probe(Supplier<? extends Module> layer, int[] shape) {}

  static final Map<String, Probe> PROBES = Map.ofEntries(
      Map.entry("Linear", new Probe(() -> new Linear(4, 3, true, G), new int[] {2, 4})),
      Map.entry("Conv2d", new Probe(() -> new Conv2d(2, 3, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1},
          new int[] {1, 1}, 1, true, G), new int[] {1, 2, 3, 3})),
      Map.entry("BatchNorm1d", new Probe(() -> new BatchNorm1d(3), new int[] {4, 3})),
      Map.entry("LayerNorm", new Probe(() -> new LayerNorm(5), new int[] {3, 5})),
      Map.entry("GroupNorm", new Probe(() -> new GroupNorm(2, 4), new int[] {2, 4, 3})),
      Map.entry("GELU", new Probe(GELU::new, new int[] {3, 4})),
      Map.entry("LogSoftmax", new Probe(() -> new LogSoftmax(1), new int[] {3, 4})),
      Map.entry("LSTM", new Probe(() -> new LSTM(2, 3, 1, true, false, G), new int[] {3, 2, 2})),
      Map.entry("GRU", new Probe(() -> new GRU(2, 3, 2, true, true, G), new int[] {2, 3, 2})),
      Map.entry("MultiheadAttention", new Probe(() -> new MultiheadAttention(4, 2, 0, true, false, G), new int[] {3, 2, 4})));

  @TestFactory
  Stream<DynamicTest> inputGradients() {
    return PROBES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Module m = Module.withDType(DType.FLOAT64, e.getValue().layer());
      for (Tensor p : m.parameters()) assertTrue(p.dtype() == DType.FLOAT64, e.getKey() + ": parameter dtype " + p.dtype());
      Tensor x = Tensor.randn(G, DType.FLOAT64, e.getValue().shape());
      GradCheck.Result r = GradCheck.check(in -> m.forward(in.get(0)), List.of(x));
      assertTrue(r.comparisons() > 0, e.getKey() + ": nothing compared");
    }));
  }
}
