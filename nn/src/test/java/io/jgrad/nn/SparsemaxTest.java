package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sparsemax: the catalog's reference values, the simplex, sparsity and its one-node Jacobian. */
class SparsemaxTest {
  @Test
  void referenceValues() {
    assertArrayEquals(new double[] {0, 0.25, 0.75}, Sparsemax.sparsemax(Tensor.of(new double[] {-2, 0, 0.5}), 0).toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0.55, 0.45, 0, 0},
        Sparsemax.sparsemax(Tensor.of(new double[] {1.5, 1.4, -0.3, 0.2}), 0).toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0},
        Sparsemax.sparsemax(Tensor.of(new double[] {0, 0, Double.NEGATIVE_INFINITY, -5}), 0).toDoubleArray(), 1e-15);
  }

  @Test
  void rowsLieOnTheSimplexWithExactZeros() {
    Generator g = new Generator(4);
    for (int dim : new int[] {0, 1, 2, -1}) {
      Tensor z = Tensor.randn(g, DType.FLOAT64, 3, 4, 5).mul(3);
      Tensor p = new Sparsemax(dim).forward(z);
      assertArrayEquals(Tensor.onesLike(p.sum(dim)).toDoubleArray(), p.sum(dim).toDoubleArray(), 1e-12, "dim " + dim);
      assertTrue(p.min().item() >= 0);
      assertTrue(p.eq(0).sum().item() > 0, "some probabilities are exactly 0");
    }
  }

  @Test
  void oneNodeWithTheSparsemaxJacobian() {
    Tensor z = Tensor.of(new double[] {1.2, 0.1, -0.4, 0.9}).requiresGrad(true);
    Tensor p = Sparsemax.sparsemax(z, 0);
    assertEquals("sparsemax", p.gradFn().name());
    Tensor g = Tensor.of(new double[] {1, 2, 3, 4});
    Tensor dz = Autograd.grad(List.of(p), List.of(z), List.of(g), false, false, false).get(0);
    // support {0, 3}: dz_i = g_i - mean_S g on S, 0 elsewhere
    assertArrayEquals(new double[] {-1.5, 0, 0, 1.5}, dz.toDoubleArray(), 1e-12);
  }
}
