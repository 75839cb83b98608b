package io.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** zeroGrad(true) drops gradients; zeroGrad(false) zeroes them in place and backward reuses them. */
class ZeroGradTest {
  private static Tensor loss(Tensor w, Tensor x) { return x.matmul(w).tanh().pow(2).sum(); }

  @Test
  void inPlaceZeroingKeepsTheGradientTensorAndGivesTheSameTraining() {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 5, 4);
    Tensor w0 = Tensor.randn(g, DType.FLOAT64, 4, 3);
    Tensor a = w0.copy().requiresGrad(true), b = w0.copy().requiresGrad(true);
    SGD optA = new SGD(List.of(a), 0.1, Map.of("momentum", 0.9));
    SGD optB = new SGD(List.of(b), 0.1, Map.of("momentum", 0.9));
    Tensor firstGradB = null;
    for (int step = 0; step < 6; step++) {
      try (TensorScope s = TensorScope.open()) {
        optA.zeroGrad(true);
        loss(a, x).backward();
        optA.step();
        optB.zeroGrad(false);
        loss(b, x).backward();
        optB.step();
      }
      if (firstGradB == null) firstGradB = b.grad();
      else assertSame(firstGradB, b.grad(), "zeroGrad(false) must keep and refill the same gradient tensor");
      assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 1e-15, "step " + step);
    }
    optB.zeroGrad(false);
    assertArrayEquals(new double[12], b.grad().toDoubleArray());
    optA.zeroGrad();
    assertNull(a.grad());
  }
}
