package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modules with several inputs: forward(Tensor...), call(a, b), and the errors of a wrong count. */
class MultiInputModuleTest {
  /** A conditional generator G(z, c) = tanh(W [z, c]). */
  static final class Generator2 extends Module {
    final Linear lin;

    Generator2(long seed) { lin = registerModule("lin", new Linear(5, 3, true, new Generator(seed))); }

    @Override
    public Tensor forward(Tensor... inputs) {
      expectInputs(inputs, 2, 2, "z, c");
      return lin.call(Tensor.cat(List.of(inputs[0], inputs[1]), 1)).tanh();
    }
  }

  private static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), shape); }

  @Test
  void aMultiInputModuleTakesItsInputsAndShowsThemToHooks() {
    Generator2 g = new Generator2(1);
    Tensor z = randn(2, 4, 3), c = randn(3, 4, 2);
    List<Integer> seen = new ArrayList<>();
    g.registerForwardHook((m, in, out) -> {
      seen.add(in.length);
      return null;
    });
    Tensor y = g.call(z, c);
    assertArrayEquals(new int[] {4, 3}, y.shape());
    assertArrayEquals(g.forward(z, c).toDoubleArray(), y.toDoubleArray(), 0);
    assertEquals(List.of(2), seen);
    // and inside a Sequential, whose first element receives the one tensor
    Sequential s = new Sequential(new Identity());
    assertArrayEquals(z.toDoubleArray(), s.call(z).toDoubleArray(), 0);
  }

  @Test
  void wrongInputCountsFailClearly() {
    Generator2 g = new Generator2(4);
    Tensor z = randn(5, 4, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.call(z));
    assertEquals("Generator2: expects 2 inputs (z, c), got 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> g.forward(z));
    assertEquals("Generator2: expects 2 inputs (z, c), got 1", e.getMessage());
    Linear lin = new Linear(3, 2);
    e = assertThrows(IllegalArgumentException.class, () -> lin.call(z, z));
    assertTrue(e.getMessage().startsWith("Linear: takes 1 input, got 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> lin.forward(z, z));
    assertTrue(e.getMessage().startsWith("Linear: takes 1 input, got 2"), e.getMessage());
    Module none = new Module() {};
    UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, () -> none.call(z));
    assertTrue(u.getMessage().contains("defines no forward; override forward(Tensor) or forward(Tensor...)"), u.getMessage());
    assertThrows(IllegalArgumentException.class, () -> lin.call((Tensor[]) null));
  }

  @Test
  void bilinearAndAttentionTakeSeveralInputs() {
    Bilinear b = new Bilinear(3, 2, 4, true, new Generator(6));
    Tensor x1 = randn(7, 5, 3), x2 = randn(8, 5, 2);
    assertArrayEquals(b.forward(x1, x2).toDoubleArray(), b.call(x1, x2).toDoubleArray(), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.call(x1));
    assertEquals("Bilinear: expects 2 inputs (x1, x2), got 1", e.getMessage());
    MultiheadAttention mha = new MultiheadAttention(4, 2, 0.0, true, false, new Generator(9));
    Tensor q = randn(10, 3, 2, 4), kv = randn(11, 5, 2, 4);
    assertArrayEquals(mha.forward(q, kv, kv, null, false, null).output().toDoubleArray(), mha.call(q, kv, kv).toDoubleArray(), 0);
    Tensor pad = Tensor.of(false, false, true, false, false, false, false, false, true, false).reshape(2, 5);
    assertArrayEquals(mha.forward(q, kv, kv, pad, false, null).output().toDoubleArray(),
        mha.call(q, kv, kv, pad, null).toDoubleArray(), 0);
    e = assertThrows(IllegalArgumentException.class, () -> mha.call(q, kv));
    assertTrue(e.getMessage().contains("expects 1, 3 or 5 inputs"), e.getMessage());
  }
}
