package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradients at the kinks, ties, bounds and singular points of the elementwise ops. Every
 * expected value is what PyTorch 1.13 gives for the same call (gradient of out.sum(), float64),
 * computed with /usr/bin/python3 and quoted here; exact comparison, so inf and NaN must match.
 */
class ElementwiseGradEdgeTest {
  private static final double INF = Double.POSITIVE_INFINITY, NAN = Double.NaN;

  /** Gradients of f(inputs).sum() with respect to each float64 input. */
  private static double[][] grads(Function<List<Tensor>, Tensor> f, double[]... xs) {
    List<Tensor> leaves = new ArrayList<>();
    for (double[] x : xs) leaves.add(Tensor.of(x).requiresGrad(true));
    List<Tensor> g = Autograd.grad(List.of(f.apply(leaves).sum()), leaves, null, false, false, true);
    double[][] r = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) r[i] = g.get(i) == null ? new double[xs[i].length] : g.get(i).toDoubleArray();
    return r;
  }

  private static double[] grad(Function<Tensor, Tensor> f, double... x) {
    return grads(in -> f.apply(in.get(0)), x)[0];
  }

  @Test
  void reluAndAbsHaveZeroGradientAtZero() {
    assertArrayEquals(new double[] {0, 0, 1, 0}, grad(Tensor::relu, 0.0, -0.0, 1, -1));
    assertArrayEquals(new double[] {0, 0, 1, -1}, grad(Tensor::abs, 0.0, -0.0, 2, -2));
  }

  @Test
  void leakyReluAndEluTakeTheNegativeBranchAtZero() {
    assertArrayEquals(new double[] {0.2, 1, 0.2}, grad(x -> x.leakyRelu(0.2), 0, 1, -1));
    assertArrayEquals(new double[] {0.7, 1, 0.2575156088200096}, grad(x -> x.elu(0.7), 0, 1, -1), 1e-15);
  }

  @Test
  void clampPassesTheGradientAtItsBounds() {
    assertArrayEquals(new double[] {1, 1, 0, 0, 1}, grad(x -> x.clamp(-0.5, 0.5), -0.5, 0.5, -0.51, 0.51, 0));
    assertArrayEquals(new double[] {1, 0, 1}, grad(x -> x.clampMin(-0.5), -0.5, -0.51, 3));
    assertArrayEquals(new double[] {1, 0, 1}, grad(x -> x.clampMax(0.5), 0.5, 0.51, -3));
    // min > max: every output is max, and no element lies in [min, max].
    assertArrayEquals(new double[] {0, 0, 0}, grad(x -> x.clamp(0.5, -0.5), -0.5, 0.5, 0));
  }

  @Test
  void maximumAndMinimumSplitTiesInHalf() {
    double[] a = {1, 2, 3, NAN}, b = {1, 1, 4, 0};
    double[][] max = grads(in -> in.get(0).maximum(in.get(1)), a, b);
    assertArrayEquals(new double[] {0.5, 1, 0, 1}, max[0]);
    assertArrayEquals(new double[] {0.5, 0, 1, 1}, max[1]);
    double[][] min = grads(in -> in.get(0).minimum(in.get(1)), a, b);
    assertArrayEquals(new double[] {0.5, 0, 1, 1}, min[0]);
    assertArrayEquals(new double[] {0.5, 1, 0, 1}, min[1]);
  }

  @Test
  void sqrtAndLogAreInfiniteAtZero() {
    assertArrayEquals(new double[] {INF, 0.25}, grad(Tensor::sqrt, 0, 4));
    assertArrayEquals(new double[] {INF, -INF, 0.5}, grad(Tensor::log, 0.0, -0.0, 2));
    assertArrayEquals(new double[] {INF, 0.25}, grad(x -> x.pow(0.5), 0, 4));
  }

  @Test
  void powAtZero() {
    assertArrayEquals(new double[] {0, 6}, grad(x -> x.pow(2), 0, 3));
    assertArrayEquals(new double[] {0, 0}, grad(x -> x.pow(0), 0, 3));
    double[][] g = grads(in -> in.get(0).pow(in.get(1)), new double[] {0, 0, 0, 2, 0}, new double[] {2, 0, -1, 0, 0.5});
    assertArrayEquals(new double[] {0, 0, -INF, 0, INF}, g[0]);
    assertArrayEquals(new double[] {0, 0, -INF, Math.log(2), 0}, g[1], 1e-15);
  }

  @Test
  void stepFunctionsHaveZeroGradient() {
    for (Function<Tensor, Tensor> f : List.<Function<Tensor, Tensor>>of(Tensor::sign, Tensor::floor, Tensor::ceil,
        Tensor::round, Tensor::trunc)) {
      assertArrayEquals(new double[] {0, 0, 0, 0}, grad(f, 0, 0.5, 1.5, -2));
    }
  }

  @Test
  void softplusIsLinearOnlyAboveTheThreshold() {
    assertArrayEquals(new double[] {0.9999999979388464, 1, 0.5}, grad(x -> x.softplus(1, 20), 20, 20.5, 0), 1e-15);
  }

  @Test
  void nanToNumPassesNoGradientAtNonFiniteValues() {
    assertArrayEquals(new double[] {0, 0, 0, 1}, grad(x -> x.nanToNum(0, 5, -5), NAN, INF, -INF, 1));
  }

  @Test
  void divisionAndAtan2AtZero() {
    double[][] d = grads(in -> in.get(0).div(in.get(1)), new double[] {1, 0}, new double[] {0, 0});
    assertArrayEquals(new double[] {INF, INF}, d[0]);
    assertArrayEquals(new double[] {-INF, NAN}, d[1]);
    double[][] a = grads(in -> in.get(0).atan2(in.get(1)), new double[] {0}, new double[] {0});
    assertArrayEquals(new double[] {NAN}, a[0]);
    assertArrayEquals(new double[] {NAN}, a[1]);
  }

  @Test
  void remainderGivesMinusFloorQuotientToTheDivisor() {
    double[][] g = grads(in -> in.get(0).remainder(in.get(1)), new double[] {5.5, -5.5}, new double[] {2, 2});
    assertArrayEquals(new double[] {1, 1}, g[0]);
    assertArrayEquals(new double[] {-2, 3}, g[1]);
  }

  @Test
  void whereRoutesTheGradientAndSkipsTheCondition() {
    Tensor cond = Tensor.of(true, false, true);
    Tensor a = Tensor.of(1.0, 2, 3).requiresGrad(true), b = Tensor.of(4.0).requiresGrad(true);
    List<Tensor> g = Autograd.grad(List.of(Tensor.where(cond, a, b).sum()), List.of(a, b), null, false, false, true);
    assertArrayEquals(new double[] {1, 0, 1}, g.get(0).toDoubleArray());
    assertArrayEquals(new double[] {1}, g.get(1).toDoubleArray());
    assertFalse(cond.requiresGrad());
    List<Tensor> gs = Autograd.grad(List.of(Tensor.where(cond, a, 0.5).sum()), List.of(a), null, false, false, true);
    assertArrayEquals(new double[] {1, 0, 1}, gs.get(0).toDoubleArray());
  }

  @Test
  void mixedDtypesGiveEachInputItsOwnDtype() {
    // torch: float32 [3, 4] * float64 0-dim is float32; the 0-dim gets a float64 gradient of 12.
    Tensor a = Tensor.ones(3, 4).requiresGrad(true), b = Tensor.scalar(2, DType.FLOAT64).requiresGrad(true);
    Tensor y = a.mul(b);
    assertEquals(DType.FLOAT32, y.dtype());
    List<Tensor> g = Autograd.grad(List.of(y.sum()), List.of(a, b), null, false, false, false);
    assertEquals(DType.FLOAT32, g.get(0).dtype());
    assertEquals(DType.FLOAT64, g.get(1).dtype());
    assertEquals(12.0, g.get(1).item());
    assertArrayEquals(new float[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, g.get(0).toFloatArray());
  }

  @Test
  void integerOperandGetsNoGradient() {
    Tensor a = Tensor.of(1.5, 2.5).requiresGrad(true), i = Tensor.of(2L, 3L);
    List<Tensor> g = Autograd.grad(List.of(a.mul(i).sum()), List.of(a), null, false, false, false);
    assertArrayEquals(new double[] {2, 3}, g.get(0).toDoubleArray());
    assertNull(i.grad());
  }

  @Test
  void reluSecondDerivativeIsZero() {
    Tensor x = Tensor.of(-1.0, 0.5, 2).requiresGrad(true);
    Tensor g = Autograd.grad(List.of(x.relu().mul(x).sum()), List.of(x), null, true, true, false).get(0);
    // d/dx (x relu(x)) = relu(x) + x relu'(x) = 2x for x > 0; second derivative 2 there, 0 below.
    List<Tensor> gg = Autograd.grad(List.of(g.sum()), List.of(x), null, false, false, false);
    assertArrayEquals(new double[] {0, 2, 2}, gg.get(0).toDoubleArray());
  }

  @Test
  void emptyInputsGetEmptyOrZeroGradients() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3).requiresGrad(true), b = Tensor.of(1.0, 2, 3).requiresGrad(true);
    List<Tensor> g = Autograd.grad(List.of(x.mul(b).exp().sum()), List.of(x, b), null, false, false, false);
    assertArrayEquals(new int[] {0, 3}, g.get(0).shape());
    assertArrayEquals(new double[] {0, 0, 0}, g.get(1).toDoubleArray());
  }
}
