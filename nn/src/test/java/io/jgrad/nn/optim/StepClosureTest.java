package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.*;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code optimizer.step(closure)} as torch: the closure zeroes, forwards and back-propagates; step returns its loss. */
class StepClosureTest {
  static Map<String, Function<List<Tensor>, Optimizer>> optimizers() {
    Map<String, Function<List<Tensor>, Optimizer>> o = new LinkedHashMap<>();
    o.put("SGD", p -> new SGD(p, 0.1, Map.of("momentum", 0.9)));
    o.put("SGDW", p -> new SGDW(p, 0.1, Map.of("momentum", 0.9, "weightDecay", 0.1)));
    o.put("Adam", p -> new Adam(p, 0.01));
    o.put("AdamW", p -> new AdamW(p, 0.01));
    o.put("RMSprop", p -> new RMSprop(p, 0.01));
    o.put("Adagrad", p -> new Adagrad(p, 0.1));
    return o;
  }

  private static Module model() {
    Generator g = new Generator(5);
    return new Sequential(new Linear(3, 4, true, g), new Tanh(), new Linear(4, 2, true, g));
  }

  private static Tensor loss(Module m, int k) {
    Tensor x = Tensor.randn(new Generator(10 + k), 6, 3);
    return m.forward(x).pow(2).mean();
  }

  /** Three steps each way, interleaved; 1e-6 because a kernel may switch JIT tier between the two calls (last-ulp exp/tanh). */
  @TestFactory
  Stream<DynamicTest> stepWithAClosureEqualsTheExplicitSequence() {
    return optimizers().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      Module a = model(), b = model();
      Optimizer oa = e.getValue().apply(a.parameters()), ob = e.getValue().apply(b.parameters());
      for (int k = 0; k < 3; k++) {
        oa.zeroGrad();
        Tensor la = loss(a, k);
        la.backward();
        oa.step();
        int step = k;
        Tensor lb;
        try (var off = Grad.disabled()) { // the closure runs with gradients enabled regardless
          lb = ob.step(() -> {
            ob.zeroGrad();
            Tensor l = loss(b, step);
            l.backward();
            return l;
          });
        }
        assertEquals(la.item(), lb.item(), 1e-6, "the closure's loss is returned");
      }
      for (int i = 0; i < a.parameters().size(); i++) {
        assertArrayEquals(a.parameters().get(i).toFloatArray(), b.parameters().get(i).toFloatArray(), 1e-6f, e.getKey() + " parameter " + i);
      }
    }));
  }

  @Test
  void aNullClosureIsAnError() {
    Optimizer o = new SGD(model().parameters(), 0.1);
    var e = assertThrows(IllegalArgumentException.class, () -> o.step(null));
    assertTrue(e.getMessage().contains("SGD: step(closure): the closure is null"), e.getMessage());
  }
}
