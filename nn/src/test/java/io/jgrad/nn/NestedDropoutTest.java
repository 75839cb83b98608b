package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** nested_dropout: P(k), one prefix per batch, no rescaling, evaluation prefixes. */
class NestedDropoutTest {
  @Test
  void distributionMatchesTheReference() {
    // the catalog prints the tail to 3 (and 2) significant digits: compare relatively there
    double[] ref = {0.61204639, 0.28911024, 0.08283147, 0.01439395, 0.00151711, 9.70e-05, 3.76e-06, 8.8e-08};
    double[] got = NestedDropout.distribution(8, 0, 2);
    for (int k = 0; k < 8; k++) assertEquals(ref[k], got[k], k < 5 ? 1e-8 : 0.006 * ref[k], "P(k=" + (k + 1) + ")");
  }

  @Test
  void keepsOnePrefixPerBatchWithoutRescaling() {
    NestedDropout d = new NestedDropout(3, 0, new Generator(5));
    Tensor x = Tensor.rand(new Generator(1), 4, 10, 2).add(1);
    for (int trial = 0; trial < 20; trial++) {
      Tensor y = d.forward(x);
      int k = d.lastK();
      assertTrue(k >= 1 && k <= 10);
      assertArrayEquals(x.narrow(1, 0, k).toDoubleArray(), y.narrow(1, 0, k).toDoubleArray(), 0, "the first k features pass unscaled");
      if (k < 10) assertEquals(0.0, y.narrow(1, k, 10 - k).abs().sum().item(), "the rest are zero");
    }
  }

  @Test
  void drawsKWithItsProbabilities() {
    NestedDropout d = new NestedDropout(2, 0, new Generator(11));
    double[] p = NestedDropout.distribution(8, 0, 2);
    int[] counts = new int[9];
    Tensor x = Tensor.ones(1, 8);
    int n = 4000;
    for (int i = 0; i < n; i++) {
      d.forward(x);
      counts[d.lastK()]++;
    }
    for (int k = 1; k <= 3; k++) {
      double sd = Math.sqrt(n * p[k - 1] * (1 - p[k - 1]));
      assertEquals(n * p[k - 1], counts[k], 5 * sd, "k=" + k);
    }
  }

  @Test
  void evaluationIsTheIdentityOrAFixedPrefix() {
    NestedDropout d = new NestedDropout(2);
    d.eval();
    Tensor x = Tensor.rand(new Generator(3), 2, 6);
    assertSame(x, d.forward(x));
    d.prefix(4);
    Tensor y = d.forward(x);
    assertArrayEquals(x.narrow(1, 0, 4).toDoubleArray(), y.narrow(1, 0, 4).toDoubleArray(), 0);
    assertEquals(0.0, y.narrow(1, 4, 2).abs().sum().item());
  }
}
