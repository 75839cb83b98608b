package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertMessage;
import static io.jgrad.autograd.BackwardTest.assertValues;
import static io.jgrad.autograd.BackwardTest.leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Engine corner cases: leaf roots, empty tensors, deep chains, threads, bad hooks, closed grads. */
class EngineEdgeTest {
  @Test
  void backwardFromALeafIsTheSeed() {
    Tensor x = leaf(1, 2);
    x.backward(Tensor.of(3.0, 4.0));
    assertValues(new double[] {3, 4}, x.grad());
    GradCheck.check(in -> in.get(0), List.of(Tensor.of(1.0, 2.0)));
  }

  @Test
  void emptyTensors() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3).requiresGrad(true);
    x.exp().sum().backward();
    assertArrayEquals(new int[] {0, 3}, x.grad().shape());
  }

  @Test
  void deepChainsDoNotOverflowTheStack() {
    Tensor x = leaf(1);
    Tensor h = x;
    for (int i = 0; i < 20_000; i++) h = h.mul(1.0001);
    h.sum().backward();
    assertEquals(Math.pow(1.0001, 20_000), x.grad().item(), 1e-9);
  }

  @Test
  void independentGraphsOnSeveralThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        double v = t;
        fs.add(pool.submit(() -> {
          double[] last = null;
          for (int i = 0; i < 100; i++) {
            Tensor x = leaf(v, v + 1);
            x.mul(x).mul(x).sum().backward(); // 3x^2
            last = x.grad().toDoubleArray();
          }
          return last;
        }));
      }
      for (int t = 0; t < 8; t++) assertArrayEquals(new double[] {3.0 * t * t, 3.0 * (t + 1) * (t + 1)}, fs.get(t).get(), 1e-9);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void hooksReturningAWrongShapeAreNamed() {
    Tensor x = leaf(1, 2);
    Hooks.register(x, g -> g.sum());
    var e = assertThrows(IllegalStateException.class, () -> x.mul(2.0).sum().backward());
    assertMessage(e, "a hook on a leaf [2] returned a gradient of shape []");
    Tensor y = leaf(1, 2);
    Tensor h = y.mul(2.0);
    Hooks.register(h, g -> g.sum());
    var e2 = assertThrows(IllegalStateException.class, () -> h.sum().backward());
    assertMessage(e2, "a hook on the output of mulScalar [2] returned a gradient of shape []");
  }

  @Test
  void aGradClosedByTheUserGivesAClearError() {
    Tensor w = leaf(1, 2);
    try (TensorScope s = TensorScope.open()) {
      w.mul(w).sum().backward();
    }
    assertValues(new double[] {2, 4}, w.grad()); // survives the scope backward ran in
    w.grad().close();
    var e = assertThrows(IllegalStateException.class, () -> w.mul(w).sum().backward());
    assertMessage(e, "grad() of a leaf [2] was closed", "setGrad(null)");
    w.setGrad(null);
    w.mul(w).sum().backward();
    assertValues(new double[] {2, 4}, w.grad());
  }

  @Test
  void pairOpsSendTheGradientThroughTheValues() {
    Tensor x = Tensor.of(new double[] {1, 5, 3, 4}).reshape(2, 2).requiresGrad(true);
    var r = x.maxWithIndices(1, false);
    r.values().sum().backward();
    assertValues(new double[] {0, 1, 0, 1}, x.grad());
    assertEquals(DType.INT64, r.indices().dtype());
  }
}
