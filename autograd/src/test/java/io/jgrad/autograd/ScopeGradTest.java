package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import org.junit.jupiter.api.Test;

/** Leaf gradients outlive the TensorScope open during backward, so they can accumulate across steps. */
class ScopeGradTest {
  @Test
  void gradientsAccumulateAcrossScopedSteps() {
    Tensor w = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
    for (int step = 0; step < 3; step++) {
      try (TensorScope s = TensorScope.open()) {
        w.mul(w).sum().backward();
      }
      assertFalse(w.grad().isClosed(), "grad closed by the step's scope");
    }
    // d/dw sum(w^2) = 2w, accumulated three times.
    assertArrayEquals(new double[] {6, 12, 18}, w.grad().toDoubleArray(), 1e-12);
  }
}
