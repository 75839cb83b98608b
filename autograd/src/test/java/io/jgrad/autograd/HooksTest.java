package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertValues;
import static io.jgrad.autograd.BackwardTest.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tensor hooks, tape hooks and retainGrad. */
class HooksTest {
  @Test
  void leafHookModifiesTheAccumulatedGradient() {
    Tensor x = leaf(1, 2);
    List<double[]> seen = new ArrayList<>();
    Hooks.register(x, g -> {
      seen.add(g.toDoubleArray());
      return g.mul(10.0);
    });
    x.mul(x).sum().backward();
    assertValues(new double[] {20, 40}, x.grad());
    assertEquals(1, seen.size(), "a leaf hook runs once per backward, on the summed gradient");
    assertValues(seen.get(0), Tensor.of(2.0, 4.0));
    Hooks.clear(x);
    x.setGrad(null);
    x.mul(x).sum().backward();
    assertValues(new double[] {2, 4}, x.grad());
  }

  @Test
  void nonLeafHookChangesWhatFlowsBelow() {
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(3.0);
    Hooks.register(h, g -> g.neg());
    Hooks.register(h, g -> null); // null keeps the gradient
    h.sum().backward();
    assertValues(new double[] {-3, -3}, x.grad());
  }

  @Test
  void closingTheHandleRemovesOneHook() {
    Tensor x = leaf(1, 2);
    var doubling = Hooks.register(x, g -> g.mul(2.0));
    Hooks.register(x, g -> g.add(1.0));
    doubling.close();
    x.mul(x).sum().backward();
    assertValues(new double[] {3, 5}, x.grad());
    Tensor y = leaf(1);
    Tensor h = y.mul(3.0);
    var neg = Hooks.register(h, g -> g.neg());
    neg.close();
    h.sum().backward();
    assertValues(new double[] {3}, y.grad());
  }

  @Test
  void hookOnATensorThatDoesNotRequireGrad() {
    var e = assertThrows(IllegalStateException.class, () -> Hooks.register(Tensor.of(1.0), g -> g));
    assertTrue(e.getMessage().contains("does not require grad"));
  }

  @Test
  void tapeHookClipsAndLogs() {
    Tensor x = leaf(1, 2);
    List<String> log = new ArrayList<>();
    try (var clip = Hooks.addTapeHook((op, go, gi) -> {
      log.add(op);
      for (int i = 0; i < gi.length; i++) if (gi[i] != null) gi[i] = gi[i].clamp(-1, 1);
    })) {
      x.mul(5.0).exp().sum().backward();
    }
    assertEquals(List.of("sum", "exp", "mulScalar"), log);
    assertValues(new double[] {1, 1}, x.grad()); // every input gradient clipped to [-1, 1], the last one 5 -> 1
    x.setGrad(null);
    x.mul(5.0).sum().backward();
    assertValues(new double[] {5, 5}, x.grad());
    assertEquals(3, log.size(), "a closed tape hook no longer runs");
  }

  @Test
  void retainGradOnANonLeaf() {
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(x).retainGrad();
    Tensor k = x.mul(2.0);
    h.mul(3.0).add(k).sum().backward(null, true, false);
    assertValues(new double[] {3, 3}, h.grad());
    assertNull(k.grad(), "only tensors that asked keep their gradient");
    h.mul(3.0).add(k).sum().backward();
    assertValues(new double[] {6, 6}, h.grad());
    assertValues(new double[] {2 * (6 + 2), 2 * (12 + 2)}, x.grad());
  }
}
