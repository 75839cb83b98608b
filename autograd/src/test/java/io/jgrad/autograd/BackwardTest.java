package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tape's basic contract: accumulation, fan-out, seeds, retainGraph, the functional form, higher order. */
class BackwardTest {
  static Tensor leaf(double... v) { return Tensor.of(v).requiresGrad(true); }

  static void assertValues(double[] expected, Tensor t) { assertArrayEquals(expected, t.toDoubleArray(), 1e-12); }

  static void assertMessage(Throwable e, String... parts) {
    for (String p : parts) assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
  }

  @Test
  void backwardAccumulatesIntoLeaves() {
    Tensor x = leaf(1, 2, 3);
    x.mul(x).sum().backward();
    assertValues(new double[] {2, 4, 6}, x.grad());
    x.mul(x).sum().backward(); // a second graph: accumulates
    assertValues(new double[] {4, 8, 12}, x.grad());
    x.setGrad(null);
    x.exp().sum().backward();
    assertValues(new double[] {Math.E, Math.exp(2), Math.exp(3)}, x.grad());
  }

  @Test
  void fanOutSumsTheGradients() {
    // l = sum(x*x + 3x + exp(x)) uses x four times: dl/dx = 2x + 3 + exp(x).
    Tensor x = leaf(0.5, -1);
    x.mul(x).add(x.mul(3.0)).add(x.exp()).sum().backward();
    assertValues(new double[] {1 + 3 + Math.exp(0.5), -2 + 3 + Math.exp(-1)}, x.grad());
    // The same intermediate consumed twice (diamond).
    Tensor w = leaf(2);
    Tensor h = w.mul(w);
    h.mul(h).add(h).sum().backward(); // w^4 + w^2 -> 4w^3 + 2w
    assertValues(new double[] {32 + 4}, w.grad());
  }

  @Test
  void leavesUsedByTwoInputsOfOneOpGetBoth() {
    Tensor x = leaf(3);
    x.add(x).mul(x).sum().backward(); // 2x^2 -> 4x
    assertValues(new double[] {12}, x.grad());
  }

  @Test
  void backwardWithAGradientForNonScalars() {
    Tensor x = leaf(1, 2, 3);
    Tensor y = x.mul(x);
    y.backward(Tensor.of(1.0, 0.5, -1.0));
    assertValues(new double[] {2, 2, -6}, x.grad());
    Tensor z = leaf(1, 2).mul(2.0);
    var e = assertThrows(IllegalArgumentException.class, z::backward);
    assertMessage(e, "only for scalar outputs", "[2]");
    e = assertThrows(IllegalArgumentException.class, () -> z.backward(Tensor.of(1.0, 2.0, 3.0)));
    assertMessage(e, "gradient shape [3] does not match output shape [2]");
  }

  @Test
  void aFloat32GradientSeedIsCastToTheOutputDtype() {
    Tensor x = leaf(1, 2);
    x.mul(3.0).backward(Tensor.of(1f, 2f));
    assertSame(DType.FLOAT64, x.grad().dtype());
    assertValues(new double[] {3, 6}, x.grad());
  }

  @Test
  void secondBackwardNeedsRetainGraph() {
    Tensor x = leaf(1, 2);
    Tensor l = x.exp().sum();
    l.backward(null, true, false);
    l.backward(); // allowed: the first kept the graph
    assertValues(new double[] {2 * Math.E, 2 * Math.exp(2)}, x.grad());
    var e = assertThrows(IllegalStateException.class, l::backward);
    assertMessage(e, "backward through the graph a second time", "retainGraph");
  }

  @Test
  void backwardOnATensorThatDoesNotRequireGrad() {
    Tensor x = Tensor.of(1.0, 2.0);
    var e = assertThrows(IllegalStateException.class, () -> x.exp().sum().backward());
    assertMessage(e, "does not require grad");
    var e2 = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(leaf(1).exp().sum(), List.of(x), false));
    assertMessage(e2, "grad: input 0 [2] does not require grad");
  }

  @Test
  void functionalGradDoesNotTouchGradAndHandlesUnused() {
    Tensor x = leaf(1, 2), y = leaf(3, 4), unused = leaf(5);
    Tensor l = x.mul(y).sum();
    List<Tensor> g = Autograd.grad(List.of(l), List.of(x, y, unused), null, true, false, true);
    assertValues(new double[] {3, 4}, g.get(0));
    assertValues(new double[] {1, 2}, g.get(1));
    assertNull(g.get(2), "allowUnused gives null");
    assertNull(x.grad());
    assertNull(y.grad());
    var e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(List.of(l), List.of(x, unused), null, false, false));
    assertMessage(e, "input 1 [1] was not used", "allowUnused");
  }

  @Test
  void functionalGradOfANonLeafAndOfTheSameInputTwice() {
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(3.0);
    Tensor l = h.mul(h).sum();
    List<Tensor> g = Autograd.grad(List.of(l), List.of(h, x, h), null, false, false);
    assertValues(new double[] {6, 12}, g.get(0)); // 2h
    assertValues(new double[] {18, 36}, g.get(1)); // 18x
    assertValues(new double[] {6, 12}, g.get(2));
  }

  @Test
  void functionalGradRunsOnlyWhatTheInputsNeed() {
    // The branch through b is not needed for d/da: its nodes stay unreleased and its derivatives do not run.
    Tensor a = leaf(1), b = leaf(2);
    Tensor bb = b.exp();
    Tensor l = a.mul(2.0).add(bb).sum();
    int[] calls = {0};
    try (var h = Hooks.addTapeHook((op, go, gi) -> calls[0]++)) {
      Autograd.grad(List.of(l), List.of(a), null, false, false);
    }
    assertTrue(calls[0] <= 3, "ran " + calls[0] + " derivatives (sum, add, mulScalar expected)");
    assertFalse(((Node) bb.gradFn()).isReleased(), "an unused branch is not released");
    // d/dh for a non-leaf h: h's own producer need not run.
    Tensor x = leaf(1, 2);
    Tensor h = x.exp();
    Tensor l2 = h.mul(3.0).sum();
    calls[0] = 0;
    try (var hk = Hooks.addTapeHook((op, go, gi) -> calls[0]++)) {
      assertValues(new double[] {3, 3}, Autograd.grad(List.of(l2), List.of(h), null, false, false).get(0));
    }
    assertEquals(2, calls[0], "sum and mulScalar run, exp does not");
    assertFalse(((Node) h.gradFn()).isReleased());
  }

  @Test
  void multipleRootsWithGradOutputs() {
    Tensor x = leaf(1, 2);
    Tensor a = x.mul(2.0), b = x.mul(x);
    List<Tensor> g = Autograd.grad(List.of(a, b), List.of(x), List.of(Tensor.of(1.0, 1.0), Tensor.of(1.0, -1.0)), false, false);
    assertValues(new double[] {2 + 2, 2 - 4}, g.get(0));
  }

  @Test
  void createGraphGivesTheGradientOfAGradientNorm() {
    // f = sum(x^3): g = 3x^2; ||g||^2 = sum 9 x^4; d/dx = 36 x^3.
    Tensor x = leaf(1, -2, 0.5);
    Tensor f = x.mul(x).mul(x).sum();
    Tensor g = Autograd.grad(f, List.of(x), true).get(0);
    assertTrue(g.requiresGrad(), "createGraph makes the gradient differentiable");
    assertValues(new double[] {3, 12, 0.75}, g);
    g.mul(g).sum().backward();
    assertValues(new double[] {36, -288, 4.5}, x.grad());
  }

  @Test
  void createGraphThroughBackwardKeepsTheForwardGraph() {
    // backward(createGraph) then a second derivative through the forward nodes (h = 2x is a non-leaf).
    Tensor x = leaf(1.5);
    Tensor h = x.mul(2.0);
    Tensor f = h.mul(h).mul(h).sum(); // 8x^3
    f.backward(null, false, true);
    Tensor gx = x.grad(); // 24 x^2
    assertTrue(gx.requiresGrad());
    assertValues(new double[] {24 * 2.25}, gx);
    Tensor gg = Autograd.grad(gx.sum(), List.of(x), false).get(0); // 48 x
    assertValues(new double[] {72}, gg);
  }

  @Test
  void leafGradsAreNeverAliased() {
    // add passes its gradient to both inputs: the two leaves must not share one grad tensor.
    Tensor x = leaf(1, 2), y = leaf(3, 4);
    Tensor seed = Tensor.of(1.0, 1.0);
    x.add(y).backward(seed);
    x.add(y).backward(seed);
    assertValues(new double[] {2, 2}, x.grad());
    assertValues(new double[] {2, 2}, y.grad());
    assertValues(new double[] {1, 1}, seed);
    assertFalse(x.grad().sharesMemoryWith(y.grad()));
  }

  @Test
  void detachStopsTheGradientAndSharesMemory() {
    Tensor x = leaf(2, 3);
    Tensor d = x.detach();
    assertFalse(d.requiresGrad());
    assertNull(d.gradFn());
    assertTrue(d.sharesMemoryWith(x));
    x.mul(x.detach()).sum().backward(); // d/dx (x * c) = c
    assertValues(new double[] {2, 3}, x.grad());
  }

  @Test
  void gradModeDisabledRecordsNothing() {
    Tensor x = leaf(1, 2);
    Tensor y;
    try (var off = Grad.disabled()) {
      y = x.exp().mul(x).sum();
      assertFalse(Grad.isEnabled());
      try (var on = Grad.enabled()) {
        Tensor z = x.exp();
        assertNotNull(z.gradFn(), "Grad.enabled() records inside a disabled scope");
      }
      assertFalse(Grad.isEnabled(), "scopes restore the previous mode");
    }
    assertTrue(Grad.isEnabled());
    assertNull(y.gradFn());
    assertFalse(y.requiresGrad());
    assertThrows(IllegalStateException.class, y::backward);
  }

  @Test
  void requiresGradPropagation() {
    Tensor a = leaf(1, 2), c = Tensor.of(3.0, 4.0);
    assertTrue(a.mul(c).requiresGrad());
    assertTrue(c.mul(a).requiresGrad());
    assertFalse(c.mul(c).requiresGrad());
    assertFalse(c.mul(c).exp().requiresGrad());
    assertTrue(a.isLeaf());
    assertFalse(a.mul(c).isLeaf());
    assertEquals("mul", a.mul(c).gradFn().name());
    // Integer and bool results never require grad.
    assertFalse(a.gt(c).requiresGrad());
    assertFalse(a.argmax(0, false).requiresGrad());
    assertFalse(a.to(DType.INT64).requiresGrad());
    var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(1L, 2L).requiresGrad(true));
    assertMessage(e, "only tensors of floating dtype");
    var e2 = assertThrows(IllegalArgumentException.class, () -> a.mul(c).requiresGrad(false));
    assertMessage(e2, "non-leaf", "detach()");
  }

  @Test
  void gradientShapeMismatchNamesBothShapes() {
    Tensor x = leaf(1, 2, 3);
    Tensor l = x.exp().sum();
    try (var h = Hooks.addTapeHook((op, go, gi) -> {
      if (op.equals("exp")) gi[0] = Tensor.zeros(DType.FLOAT64, 2);
    })) {
      var e = assertThrows(IllegalStateException.class, l::backward);
      assertMessage(e, "exp", "gradient of shape [2] for input 0 of shape [3]");
    }
  }

  @Test
  void float32LeavesGetFloat32Grads() {
    Tensor x = Tensor.of(1f, 2f).requiresGrad(true);
    x.mul(x).sum().backward();
    assertSame(DType.FLOAT32, x.grad().dtype());
    assertArrayEquals(new float[] {2, 4}, x.grad().toFloatArray());
    assertTrue(Arrays.equals(new int[] {2}, x.grad().shape()));
  }
}
