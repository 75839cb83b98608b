package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge points of the linalg/conv derivatives: zero distances, ties, repeated operands, broadcast batches. */
class LinalgGradEdgeTest {
  private static Tensor leaf(double[] v, int... shape) { return Tensor.fromArray(v, shape).requiresGrad(true); }

  @Test
  void cdistZeroDistanceHasZeroGradientAndFiniteSecondDerivative() {
    for (double p : new double[] {0.5, 1, 2, 3, Double.POSITIVE_INFINITY}) {
      Tensor x1 = leaf(new double[] {1, 2, 3, 4}, 2, 2);
      Tensor x2 = leaf(new double[] {1, 2}, 1, 2); // equals row 0 of x1
      Tensor d = Tensor.cdist(x1, x2, p);
      List<Tensor> g = Autograd.grad(List.of(d.sum()), List.of(x1, x2), null, true, true, false);
      double[] g1 = g.get(0).toDoubleArray();
      assertEquals(0, g1[0], 0, "p=" + p + ": coincident row gets no gradient");
      assertEquals(0, g1[1], 0, "p=" + p);
      assertTrue(g1[2] > 0 && g1[3] > 0, "p=" + p + ": the distinct row moves away");
      List<Tensor> gg = Autograd.grad(List.of(g.get(0).mul(g.get(0)).sum()), List.of(x1, x2), null, false, false, true);
      for (Tensor t : gg) {
        if (t == null) continue;
        for (double v : t.toDoubleArray()) assertTrue(Double.isFinite(v), "p=" + p + ": second derivative " + v);
      }
    }
  }

  @Test
  void cdistInfTiesEachGetTheFullGradient() {
    Tensor x1 = leaf(new double[] {0, 0}, 1, 2);
    Tensor x2 = Tensor.fromArray(new double[] {1, -1}, 1, 2);
    Tensor d = Tensor.cdist(x1, x2, Double.POSITIVE_INFINITY);
    assertArrayEquals(new double[] {-1, 1}, Autograd.grad(d.sum(), List.of(x1), false).get(0).toDoubleArray(), 0);
  }

  @Test
  void einsumWithTheSameTensorTwiceAccumulates() {
    Tensor x = leaf(new double[] {1, -2, 3, 0.5}, 2, 2);
    Tensor s = Tensor.einsum("ij,ij->", x, x);
    assertArrayEquals(new double[] {2, -4, 6, 1}, Autograd.grad(s, List.of(x), false).get(0).toDoubleArray(), 1e-12);
  }

  @Test
  void einsumTraceGradientIsTheIdentity() {
    Tensor x = leaf(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3);
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
        Autograd.grad(Tensor.einsum("ii->", x), List.of(x), false).get(0).toDoubleArray(), 0);
  }

  @Test
  void matmulBroadcastBatchGradientIsSummedBack() {
    Tensor a = leaf(new double[] {1, 2, 3, 4, 5, 6}, 2, 3); // shared by every batch entry
    Tensor b = Tensor.fromArray(new double[24], 4, 3, 2).add(1.0);
    List<Tensor> g = Autograd.grad(List.of(a.matmul(b).sum()), List.of(a), null, false, false, false);
    assertArrayEquals(new int[] {2, 3}, g.get(0).shape());
    // each of the 4 batches contributes sum_j b[k, j] = 2 to every a[i, k]
    for (double v : g.get(0).toDoubleArray()) assertEquals(8, v, 0);
  }

  @Test
  void maxPoolTiesGoToTheFirstPositionInScanOrder() {
    Tensor x = Tensor.onesLike(Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 1, 1, 2, 4)).requiresGrad(true);
    Tensor y = x.maxPool2d(new int[] {2}, new int[] {2}, new int[] {0}, new int[] {1}, false);
    assertArrayEquals(new double[] {1, 0, 1, 0, 0, 0, 0, 0}, Autograd.grad(y.sum(), List.of(x), false).get(0).toDoubleArray(), 0);
    Tensor x1 = Tensor.onesLike(Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 1, 5)).requiresGrad(true);
    Tensor y1 = x1.maxPool1d(3, 1, 0, 1, false); // windows [0..2], [1..3], [2..4]
    assertArrayEquals(new double[] {1, 1, 1, 0, 0}, Autograd.grad(y1.sum(), List.of(x1), false).get(0).toDoubleArray(), 0);
  }

  @Test
  void convWithoutBiasReturnsNoBiasGradientAndEmptyBatchGivesZeros() {
    Tensor x = Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 0, 2, 4, 4).requiresGrad(true);
    Tensor w = Tensor.onesLike(Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 3, 2, 3, 3)).requiresGrad(true);
    Tensor y = x.conv2d(w, null, new int[] {1}, new int[] {1}, new int[] {1}, 1);
    List<Tensor> g = Autograd.grad(List.of(y.sum()), List.of(x, w), null, false, false, false);
    assertArrayEquals(new int[] {0, 2, 4, 4}, g.get(0).shape());
    assertArrayEquals(new int[] {3, 2, 3, 3}, g.get(1).shape());
    for (double v : g.get(1).toDoubleArray()) assertEquals(0, v, 0);
  }
}
