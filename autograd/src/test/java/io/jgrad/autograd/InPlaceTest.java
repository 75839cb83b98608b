package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertMessage;
import static io.jgrad.autograd.BackwardTest.assertValues;
import static io.jgrad.autograd.BackwardTest.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** In-place ops under autograd: the version counter rejects what would give a wrong gradient. */
class InPlaceTest {
  @Test
  void modifyingATensorSavedForBackwardIsAnError() {
    Tensor x = leaf(0.5, 1);
    Tensor a = x.mul(1.0);
    Tensor y = a.sin(); // sin saves its input: backward needs cos(a)
    a.mulInPlace(2.0);
    var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
    assertMessage(e, "modified by an in-place operation", "sin", "version");
  }

  @Test
  void inPlaceOnALeafThatRequiresGradIsAnError() {
    Tensor w = leaf(1, 2);
    var e = assertThrows(IllegalStateException.class, () -> w.addInPlace(Tensor.of(1.0, 1.0)));
    assertMessage(e, "addInPlace", "leaf tensor that requires grad", "cannot be modified in place");
    try (var off = Grad.disabled()) {
      w.addInPlace(Tensor.of(1.0, 1.0)); // optimizer updates are fine
    }
    assertValues(new double[] {2, 3}, w);
  }

  @Test
  void inPlaceOnAViewOfALeafThatRequiresGradIsAnError() {
    // As torch: the leaf's values would change with no history; refuse at the in-place op.
    Tensor w = leaf(1, 2, 3, 4);
    Tensor v = w.view(2, 2).narrow(0, 0, 1);
    var e = assertThrows(IllegalStateException.class, () -> v.mulInPlace(2.0));
    assertMessage(e, "mulInPlace: a view [1, 2] of a leaf tensor that requires grad cannot be modified in place");
    assertValues(new double[] {1, 2, 3, 4}, w);
    // A copy is not a view; a detached view and updates under Grad.disabled() are allowed.
    Tensor c = w.view(2, 2).copy();
    c.mulInPlace(2.0);
    w.detach().narrow(0, 0, 1).addInPlace(1.0);
    try (var off = Grad.disabled()) {
      w.narrow(0, 1, 1).addInPlace(1.0);
    }
    assertValues(new double[] {2, 3, 3, 4}, w);
  }

  @Test
  void inPlaceOnANonLeafGivesTheRightGradients() {
    Tensor w = leaf(1, 2), y = leaf(3, 4);
    Tensor x = w.mul(2.0);
    x.addInPlace(y);
    x.sum().backward();
    assertValues(new double[] {2, 2}, w.grad());
    assertValues(new double[] {1, 1}, y.grad());
    assertValues(new double[] {5, 8}, x);
  }

  @Test
  void inPlaceMulOnANonLeafUsesTheOldValues() {
    // As torch: x = 2w; x *= v -> d/dw = 2v, d/dv = 2w.
    Tensor w = leaf(1, 2), v = leaf(3, 4);
    Tensor x = w.mul(2.0);
    x.mulInPlace(v);
    x.sum().backward();
    assertValues(new double[] {6, 8}, w.grad());
    assertValues(new double[] {2, 4}, v.grad());
  }

  @Test
  void chainedInPlaceOps() {
    Tensor w = leaf(1, -2);
    Tensor x = w.mul(1.0);
    x.mulInPlace(3.0).addInPlace(1.0).clampInPlace(-4, 100); // 3w + 1, clamped at -4 for w = -2 (value -5)
    x.sum().backward();
    assertValues(new double[] {3, 0}, w.grad());
  }

  @Test
  void modifyingARecordedOutputThroughAViewIsAnError() {
    // Without view tracking the base keeps its old history: refuse instead of a wrong gradient.
    Tensor w = leaf(1, 2);
    Tensor x = w.mul(2.0);
    x.narrow(0, 0, 1).mulInPlace(3.0);
    var e = assertThrows(IllegalStateException.class, () -> x.sum().backward());
    assertMessage(e, "modified by an in-place operation", "mulScalar", "through a view");
  }

  @Test
  void versionCounterIsSharedByViews() {
    Tensor a = Tensor.of(1.0, 2.0, 3.0);
    Tensor v = a.narrow(0, 1, 2);
    int before = a.version();
    v.addInPlace(1.0);
    assertEquals(before + 1, a.version());
    assertEquals(a.version(), v.version());
  }

  @Test
  void fillDetachesANonLeaf() {
    Tensor w = leaf(1, 2);
    Tensor x = w.mul(2.0);
    x.fill(5);
    assertEquals(null, x.gradFn());
    Tensor l = x.mul(w).sum();
    l.backward();
    assertValues(new double[] {5, 5}, w.grad());
  }
}
