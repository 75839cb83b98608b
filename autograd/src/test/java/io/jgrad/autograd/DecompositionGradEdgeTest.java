package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Pinned conventions of the decomposition gradients at their edge points. */
class DecompositionGradEdgeTest {
  static Tensor leaf(double[] v, int... shape) { return Tensor.fromArray(v, shape).requiresGrad(true); }

  @Test
  void matrixSqrtGradientIsFiniteAtRepeatedEigenvalues() {
    // sqrt(4 I): dX = dA / (2 + 2), so d sum(X) / dA = ones / 4 (torch's eigh composite gives NaN here).
    Tensor a = leaf(new double[] {4, 0, 0, 0, 4, 0, 0, 0, 4}, 3, 3);
    Linalg.matrixSqrt(a).sum().backward();
    double[] g = a.grad().toDoubleArray();
    for (double v : g) assertEquals(0.25, v, 1e-12);
  }

  @Test
  void eigenvaluesAloneHaveADefinedGradientAtRepeatedEigenvalues() {
    Tensor a = leaf(new double[] {2, 0, 0, 2}, 2, 2);
    Linalg.eigh(a).eigenvalues().sum().backward();
    assertArrayEquals(new double[] {1, 0, 0, 1}, a.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void vectorLossAtRepeatedSingularValuesIsNotFinite() {
    // Documented as in torch: a loss of the singular vectors at repeated singular values has no derivative.
    Tensor a = leaf(new double[] {1, 0, 0, 1}, 2, 2);
    Linalg.svd(a, false).U().narrow(-1, 0, 1).sum().backward();
    boolean nonFinite = false;
    for (double v : a.grad().toDoubleArray()) nonFinite |= !Double.isFinite(v);
    assertTrue(nonFinite, java.util.Arrays.toString(a.grad().toDoubleArray()));
  }

  @Test
  void completeQrOfATallMatrixIsNotDifferentiable() {
    Tensor a = leaf(new double[] {1, 2, 3, 4, 5, 7}, 3, 2);
    Tensor q = Linalg.qr(a, "complete").Q();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.sum().backward());
    assertTrue(e.getMessage().contains("mode='complete'") && e.getMessage().contains("[3, 2]"), e.getMessage());
  }

  @Test
  void fullSvdDropsTheExtraColumnsLikeTorch() {
    double[] v = {1, 2, 3, 4, 5, 7};
    Tensor a = leaf(v, 3, 2), b = leaf(v, 3, 2);
    Linalg.svd(a, true).S().sum().backward();
    Linalg.svd(b, false).S().sum().backward();
    assertArrayEquals(b.grad().toDoubleArray(), a.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void slogdetSignCarriesNoGradient() {
    Tensor a = leaf(new double[] {1, 2, 3, 4}, 2, 2);
    Linalg.SlogDet s = Linalg.slogdet(a);
    assertTrue(!s.sign().requiresGrad() && s.logAbsDet().requiresGrad());
    assertEquals(DType.FLOAT64, s.sign().dtype());
  }
}
