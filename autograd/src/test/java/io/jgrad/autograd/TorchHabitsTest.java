package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code loss.backward(retainGraph)} and the short forms of {@code Autograd.grad}, as a PyTorch user writes them. */
class TorchHabitsTest {
  static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

  @Test
  void backwardRetainGraphAllowsASecondBackward() {
    Tensor x = leaf(1, 2, 3);
    Tensor loss = x.mul(x).sum();
    loss.backward(true);
    assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray(), 1e-12);
    loss.backward(false); // the graph was kept: accumulates, then frees it
    assertArrayEquals(new double[] {4, 8, 12}, x.grad().toDoubleArray(), 1e-12);
    Exception e = assertThrows(IllegalStateException.class, () -> loss.backward(false));
    assertTrue(e.getMessage().contains("second time"), e.getMessage());
    Tensor once = x.exp().sum();
    once.backward(false);
    assertThrows(IllegalStateException.class, once::backward, "backward(false) frees the graph as backward() does");
  }

  @Test
  void gradShortForms() {
    Tensor x = leaf(0.5, -1), w = leaf(2, 3), unused = leaf(7);
    Tensor y = x.mul(w).sum();
    List<Tensor> g = Autograd.grad(y, List.of(x, w));
    assertArrayEquals(new double[] {2, 3}, g.get(0).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.5, -1}, g.get(1).toDoubleArray(), 1e-12);
    assertNull(x.grad(), "the functional form leaves grad() alone");

    Tensor y2 = x.mul(w).sum();
    List<Tensor> g2 = Autograd.grad(y2, List.of(x, unused), false, true);
    assertArrayEquals(new double[] {2, 3}, g2.get(0).toDoubleArray(), 1e-12);
    assertNull(g2.get(1), "allowUnused: null for an input the output does not use");
    Tensor y3 = x.mul(w).sum();
    Exception e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(y3, List.of(unused), false, false));
    assertTrue(e.getMessage().contains("allowUnused"), e.getMessage());

    // createGraph through the short form: a differentiable gradient
    Tensor y4 = x.pow(3).sum();
    Tensor gx = Autograd.grad(y4, List.of(x), true, false).get(0);
    assertTrue(gx.requiresGrad());
    assertArrayEquals(new double[] {6 * 0.5, 6 * -1}, Autograd.grad(gx.sum(), List.of(x)).get(0).toDoubleArray(), 1e-12);

    // several scalar outputs: their gradients add
    Tensor a = x.sum(), b = x.mul(x).sum();
    List<Tensor> gs = Autograd.grad(List.of(a, b), List.of(x, unused), false, true);
    assertArrayEquals(new double[] {1 + 1, 1 - 2}, gs.get(0).toDoubleArray(), 1e-12);
    assertNull(gs.get(1));
    assertEquals(2, gs.size());
  }
}
