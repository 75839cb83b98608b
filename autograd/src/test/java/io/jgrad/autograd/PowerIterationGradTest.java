package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.PowerIteration;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** sigma = u^T W v with u, v constants (torch's spectral_norm): d sigma / dW = u v^T, none through u, v. */
class PowerIterationGradTest {
  @Test
  void gradientIsOuterProductOfTheVectors() {
    Tensor w = Tensor.randn(new Generator(5), DType.FLOAT64, 3, 2, 2).requiresGrad(true);
    PowerIteration p = new PowerIteration(3, 4, DType.FLOAT64, new Generator(1), 3, 1e-12);
    Tensor sigma = p.sigma(w);
    assertTrue(sigma.requiresGrad());
    sigma.backward();
    assertArrayEquals(p.u().outer(p.v()).toDoubleArray(), w.grad().toDoubleArray(), 1e-12);
    assertEquals(java.util.List.of(3, 2, 2), java.util.Arrays.stream(w.grad().shape()).boxed().toList());
  }

  @Test
  void gradCheckWithFrozenVectors() {
    PowerIteration p = new PowerIteration(3, 4, DType.FLOAT64, new Generator(2), 0, 1e-12);
    GradCheck.check(x -> p.sigma(x.get(0)), java.util.List.of(Tensor.randn(new Generator(9), DType.FLOAT64, 3, 4)));
  }
}
