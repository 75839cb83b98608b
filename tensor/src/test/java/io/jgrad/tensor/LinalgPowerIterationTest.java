package io.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link PowerIteration}: its estimate converges to the largest singular value (the golden
 * svdvals), the vectors persist between calls (one iteration per call still converges over a
 * training loop), and W of rank > 2 is viewed as [W.size(0), rest].
 */
class LinalgPowerIterationTest {
  @Test
  void convergesToLargestSingularValueAcrossCalls() {
    Tensor w = Tensor.randn(new Generator(3), DType.FLOAT64, 6, 4);
    double sMax = Linalg.svdvals(w).get(0);
    PowerIteration p = new PowerIteration(6, 4, DType.FLOAT64, new Generator(7));
    double first = p.sigma(w).item();
    double last = first;
    for (int i = 0; i < 200; i++) last = p.sigma(w).item();
    assertTrue(first <= sMax + 1e-12, "sigma is a lower bound: " + first + " vs " + sMax);
    assertEquals(sMax, last, 1e-9 * sMax);
    // u and v are the top singular pair: W v = sigma u.
    Tensor u = p.u(), v = p.v();
    assertEquals(0, w.matmul(v).sub(u.mul(last)).norm().item(), 1e-6);
  }

  @Test
  void rank4WeightIsViewedAsMatrix() {
    Tensor w = Tensor.randn(new Generator(5), DType.FLOAT32, 3, 2, 2, 2);
    PowerIteration p = new PowerIteration(3, 8, DType.FLOAT32, new Generator(1), 50, 1e-12);
    double sMax = Linalg.svdvals(w.reshape(3, 8)).get(0);
    assertEquals(sMax, p.sigma(w).item(), 1e-4 * sMax);
  }
}
