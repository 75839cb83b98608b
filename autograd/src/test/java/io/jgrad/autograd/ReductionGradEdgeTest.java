package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Edge points of the reduction derivatives, with values worked out by hand (and matching
 * PyTorch 1.13): ties, zeros, the norm at 0, huge softmax logits and -inf entries.
 */
class ReductionGradEdgeTest {
  static final double TOL = 1e-12;
  static final double INF = Double.POSITIVE_INFINITY;

  private static double[] gradOfSum(UnaryOperator<Tensor> f, double[] x, int... shape) {
    Tensor t = Tensor.fromArray(x, shape.length == 0 ? new int[] {x.length} : shape).requiresGrad(true);
    Tensor g = Autograd.grad(List.of(f.apply(t).sum()), List.of(t), null, false, false, true).get(0);
    return g == null ? new double[x.length] : g.contiguous().toDoubleArray();
  }

  /** H v for the scalar sum(f(x)) (the gradient of grad . v). */
  private static double[] hessianTimes(UnaryOperator<Tensor> f, double[] x, double[] v) {
    Tensor t = Tensor.of(x).requiresGrad(true);
    Tensor g = Autograd.grad(List.of(f.apply(t).sum()), List.of(t), null, true, true, false).get(0);
    return Autograd.grad(List.of(g.mul(Tensor.of(v)).sum()), List.of(t), null, false, false, false).get(0)
        .toDoubleArray();
  }

  private static void allFinite(double[] a, String what) {
    for (double d : a) assertTrue(Double.isFinite(d), what + ": " + java.util.Arrays.toString(a));
  }

  // ---- ties --------------------------------------------------------------------------------

  @Test
  void maxAndMinOfAllSplitTiesEvenly() {
    assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, gradOfSum(Tensor::max, new double[] {1, 3, 3, 2}), TOL);
    assertArrayEquals(new double[] {1 / 3.0, 0, 1 / 3.0, 1 / 3.0},
        gradOfSum(Tensor::min, new double[] {-1, 0, -1, -1}), TOL);
    // median() of all elements: torch 1.13 splits evenly among the elements equal to it too
    assertArrayEquals(new double[] {0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0},
        gradOfSum(Tensor::median, new double[] {1, 2, 2, 2, 5}), TOL);
  }

  @Test
  void maxOverDimsSplitsTiesPerGroup() {
    // rows [5, 5, 1] and [0, 2, 2]; max over dim 1 -> halves; over both dims -> 5 occurs twice
    double[] x = {5, 5, 1, 0, 2, 2};
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0.5, 0.5}, gradOfSum(t -> t.max(new int[] {1}, false), x, 2, 3), TOL);
    assertArrayEquals(new double[] {0.5, 0.5, 0, 0, 0, 0}, gradOfSum(t -> t.max(new int[] {0, 1}, true), x, 2, 3), TOL);
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, gradOfSum(t -> t.min(new int[] {-1}, true), x, 2, 3), TOL);
  }

  @Test
  void aNaNMaximumTakesTheGradient() {
    double nan = Double.NaN;
    // max() as torch: the NaN element gets it. Over dims the same rule applies per group (torch's
    // amax instead returns NaN for the whole group; jgrad keeps max() and max(dims) consistent).
    assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, gradOfSum(Tensor::max, new double[] {1, nan, 3, 1, 2, 3}, 2, 3), TOL);
    assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1},
        gradOfSum(t -> t.max(new int[] {1}, false), new double[] {1, nan, 3, 1, 2, 3}, 2, 3), TOL);
  }

  @Test
  void maxAlongADimSendsTheGradientToTheReturnedIndexOnly() {
    double[] x = {5, 5, 1, 0, 2, 2};
    Tensor t = Tensor.fromArray(x, 2, 3).requiresGrad(true);
    var vi = t.maxWithIndices(1, false);
    long[] idx = vi.indices().toLongArray();
    double[] g = Autograd.grad(List.of(vi.values().sum()), List.of(t), null, false, false, false).get(0).toDoubleArray();
    double[] expected = new double[6];
    expected[(int) idx[0]] = 1;
    expected[3 + (int) idx[1]] = 1;
    assertArrayEquals(expected, g, TOL);
    assertEquals(2.0, java.util.Arrays.stream(g).sum(), TOL, "one unit of gradient per row, not split");
  }

  // ---- zeros in products ---------------------------------------------------------------------

  @Test
  void prodWithOneZeroGivesTheZeroTheProductOfTheOthers() {
    assertArrayEquals(new double[] {0, 6, 0}, gradOfSum(Tensor::prod, new double[] {2, 0, 3}), TOL);
    assertArrayEquals(new double[] {0, 0, 0}, gradOfSum(Tensor::prod, new double[] {0, 0, 3}), TOL);
    // per row: [2, 0, 3] -> [0, 6, 0]; [0, 0, 4] -> zeros; [1, 2, 3] -> [6, 3, 2]
    assertArrayEquals(new double[] {0, 6, 0, 0, 0, 0, 6, 3, 2},
        gradOfSum(t -> t.prod(new int[] {1}, false), new double[] {2, 0, 3, 0, 0, 4, 1, 2, 3}, 3, 3), TOL);
  }

  @Test
  void prodSecondDerivativeAtAZero() {
    // x0 x1 x2 at (2, 0, 3): H = [[0, x2, x1], [x2, 0, x0], [x1, x0, 0]] = [[0,3,0],[3,0,2],[0,2,0]]
    assertArrayEquals(new double[] {3, 5, 2}, hessianTimes(Tensor::prod, new double[] {2, 0, 3}, new double[] {1, 1, 1}), TOL);
    // two zeros (0, 0, 3): H = [[0,3,0],[3,0,0],[0,0,0]]
    assertArrayEquals(new double[] {3, 3, 0}, hessianTimes(Tensor::prod, new double[] {0, 0, 3}, new double[] {1, 1, 1}), TOL);
  }

  @Test
  void cumprodWithZeros() {
    // y = [x0, x0 x1, x0 x1 x2]; at (2, 0, 3): d/dx0 = 1 + x1 + x1 x2 = 1, d/dx1 = x0 + x0 x2 = 8, d/dx2 = x0 x1 = 0
    assertArrayEquals(new double[] {1, 8, 0}, gradOfSum(t -> t.cumprod(0), new double[] {2, 0, 3}), TOL);
    // at (0, 2, 0): d/dx0 = 1 + x1 + x1 x2 = 3, d/dx1 = x0 (1 + x2) = 0, d/dx2 = 0
    assertArrayEquals(new double[] {3, 0, 0}, gradOfSum(t -> t.cumprod(0), new double[] {0, 2, 0}), TOL);
    // H v with v = 1 at (2, 0, 3): d2/dx0dx1 = 1 + x2 = 4, d2/dx0dx2 = x1 = 0, d2/dx1dx2 = x0 = 2
    assertArrayEquals(new double[] {4, 6, 2}, hessianTimes(t -> t.cumprod(0), new double[] {2, 0, 3}, new double[] {1, 1, 1}), TOL);
  }

  @Test
  void cumprodWithZerosOnLongRowsMatchesTheDefinition() {
    // first order takes the O(n) path; the reference is the definition, O(n^2) in plain Java
    int n = 1500;
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    double[] x = new double[2 * n], gOut = new double[2 * n];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.8 + 0.4 * r.nextDouble();
      gOut[i] = r.nextDouble() - 0.5;
    }
    x[0] = 0;                 // row 0: zero first, then zeros at 40 and 700
    x[40] = 0;
    x[700] = 0;
    x[n + 900] = 0;           // row 1: one zero late
    Tensor t = Tensor.fromArray(x, 2, n).requiresGrad(true);
    Tensor y = t.cumprod(1);
    double[] got = Autograd.grad(List.of(y.mul(Tensor.fromArray(gOut, 2, n)).sum()), List.of(t), null, false, false,
        false).get(0).toDoubleArray();
    for (int row = 0; row < 2; row++) {
      for (int k = 0; k < n; k++) {
        double sum = 0, prod = 1;
        for (int i = 0; i < n; i++) {
          if (i != k) prod *= x[row * n + i];
          if (i >= k) sum += gOut[row * n + i] * prod;
        }
        assertEquals(sum, got[row * n + k], 1e-9 * (1 + Math.abs(sum)), "row " + row + " k " + k);
      }
    }
  }

  // ---- norm at 0 -----------------------------------------------------------------------------

  @Test
  void normAtZeroHasZeroSubgradient() {
    for (double p : new double[] {2, 1, 3, 1.5, 0.5, INF, Double.NEGATIVE_INFINITY, 0}) {
      double[] g = gradOfSum(t -> t.norm(p, new int[0], false), new double[] {0, 0, 0});
      assertArrayEquals(new double[] {0, 0, 0}, g, TOL, "p = " + p);
    }
    // a zero row next to a non-zero one: [3, 4] -> [0.6, 0.8]
    assertArrayEquals(new double[] {0, 0, 0.6, 0.8},
        gradOfSum(t -> t.norm(2, new int[] {1}, false), new double[] {0, 0, 3, 4}, 2, 2), TOL);
    // p = 1 and p < 1: 0 at a zero entry of a non-zero vector
    assertArrayEquals(new double[] {0, -1, 1}, gradOfSum(t -> t.norm(1, new int[0], false), new double[] {0, -2, 5}), TOL);
    double[] half = gradOfSum(t -> t.norm(0.5, new int[0], false), new double[] {0, 4, 1});
    assertEquals(0, half[0], TOL);
    allFinite(half, "p = 0.5 with a zero entry");
    // inf-norm ties: |-3| = |3| share the gradient with their signs
    assertArrayEquals(new double[] {-0.5, 0.5, 0}, gradOfSum(t -> t.norm(INF, new int[0], false), new double[] {-3, 3, 1}), TOL);
  }

  // ---- large magnitudes and -inf -------------------------------------------------------------

  @Test
  void softmaxOfHugeLogitsIsShiftInvariant() {
    double[] shifted = {0.5, -1, 2, 0};
    double[] huge = {1000.5, 999, 1002, 1000};
    double[] tiny = {-999.5, -1001, -998, -1000};
    double[] w = {1, -2, 0.5, 3};
    for (String op : new String[] {"softmax", "logSoftmax"}) {
      UnaryOperator<Tensor> f = t -> (op.equals("softmax") ? t.softmax(0) : t.logSoftmax(0)).mul(Tensor.of(w));
      double[] ref = gradOfSum(f, shifted);
      allFinite(ref, op);
      assertArrayEquals(ref, gradOfSum(f, huge), 1e-9, op + " at +1000");
      assertArrayEquals(ref, gradOfSum(f, tiny), 1e-9, op + " at -1000");
      double[] hv = hessianTimes(f, huge, new double[] {1, 0, -1, 2});
      allFinite(hv, op + " second order");
      assertArrayEquals(hessianTimes(f, shifted, new double[] {1, 0, -1, 2}), hv, 1e-9, op + " second order");
    }
    // softmax gradients of sum are 0 (the outputs sum to 1), logSoftmax's are 1 - n softmax
    assertArrayEquals(new double[4], gradOfSum(t -> t.softmax(0), huge), 1e-12);
  }

  @Test
  void logSumExpIgnoresMinusInfinityEntries() {
    double e1 = Math.exp(1), e2 = Math.exp(2);
    double[] g = gradOfSum(t -> t.logSumExp(new int[0], false), new double[] {1, Double.NEGATIVE_INFINITY, 2});
    assertArrayEquals(new double[] {e1 / (e1 + e2), 0, e2 / (e1 + e2)}, g, 1e-12);
    double[] rows = gradOfSum(t -> t.logSumExp(new int[] {1}, true),
        new double[] {0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 5, 5, Double.NEGATIVE_INFINITY}, 2, 3);
    assertArrayEquals(new double[] {1, 0, 0, 0.5, 0.5, 0}, rows, 1e-12);
    double[] hv = hessianTimes(t -> t.logSumExp(new int[0], false), new double[] {1, Double.NEGATIVE_INFINITY, 2},
        new double[] {1, 1, 1});
    allFinite(hv, "logSumExp second order with -inf");
    assertEquals(0, hv[1], TOL);
  }

  @Test
  void stdOfAConstantHasZeroGradient() {
    // torch masks the 1 / (2 std) factor where std == 0
    assertArrayEquals(new double[] {0, 0, 0}, gradOfSum(Tensor::std, new double[] {2, 2, 2}), TOL);
    assertArrayEquals(new double[] {0, 0, 0, 0}, gradOfSum(t -> t.std(new int[] {1}, 1, false), new double[] {1, 1, 3, 3}, 2, 2), TOL);
  }
}
