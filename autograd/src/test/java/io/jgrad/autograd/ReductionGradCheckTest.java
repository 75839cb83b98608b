package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link GradCheck} (float64 central differences, eps 1e-6, atol 1e-5, rtol 1e-3) of every
 * reduction derivative: the full Jacobian for all ops, second order (gradgradcheck) for the
 * smooth ones. Inputs avoid kinks and ties where the op has them
 * (max/min/median/sort/topk/kthvalue, norm p = 1/inf), so finite differences are valid.
 * The test asserts that every op registered by {@link ReductionDerivatives} was covered.
 */
class ReductionGradCheckTest {
  private final TreeSet<String> first = new TreeSet<>(), second = new TreeSet<>();
  private final SplittableRandom rnd = new SplittableRandom(7);

  @Test
  void everyReductionOpFirstAndSecondOrder() {
    Tensor a = randn(3, 4), b = randn(2, 3, 4), v = randn(7), nz = awayFromZero(3, 4), nz3 = awayFromZero(2, 3, 4);
    Tensor zeros = awayFromZero(3, 4);
    zeros = zeros.mul(Tensor.of(new double[] {1, 0, 1, 1}).reshape(1, 4)); // a zero column: one zero per row
    Tensor zeros2 = awayFromZero(2, 5).mul(Tensor.of(new double[] {1, 0, 1, 0, 1}));

    smooth("sum", x -> x.sum(new int[] {0, 2}, false), b);
    smooth("sum", x -> x.transpose(0, 1).sum(new int[] {1}, true), a);
    smooth("mean", x -> x.mean(new int[] {-1}, false), b);
    smooth("mean", x -> x.mean(), a);
    smooth("prod", x -> x.prod(new int[] {1}, false), nz);
    smooth("prod", x -> x.prod(new int[] {0, 2}, true), nz3);
    smooth("prod", x -> x.prod(new int[] {1}, false), zeros);
    smooth("prod", x -> x.prod(), zeros2);
    smooth("prod", x -> x.prod(new int[] {1}, true), zeros2);
    smooth("var", x -> x.var(new int[] {1}, 1, false), a);
    smooth("var", x -> x.var(new int[] {0, 2}, 0, true), b);
    smooth("std", x -> x.std(new int[] {1}, 1, false), a);
    smooth("std", x -> x.std(), b);
    for (double p : new double[] {2, 3, 1.5, 0.5}) smooth("norm", x -> x.norm(p, new int[] {1}, false), nz);
    smooth("norm", x -> x.norm(), nz3);
    for (double p : new double[] {1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0}) {
      firstOrder("norm", x -> x.norm(p, new int[] {-1}, true), distinctAbs(3, 5));
    }
    smooth("logSumExp", x -> x.logSumExp(new int[] {1}, false), a);
    smooth("logSumExp", x -> x.logSumExp(new int[] {0, 1}, true), b);
    smooth("cumsum", x -> x.cumsum(1), b);
    smooth("cumsum", x -> x.cumsum(0), v);
    smooth("cumprod", x -> x.cumprod(1), nz);
    smooth("cumprod", x -> x.cumprod(-1), zeros2);
    smooth("cumprod", x -> x.cumprod(0), zeros.t().contiguous());
    smooth("softmax", x -> x.softmax(1), a);
    smooth("softmax", x -> x.softmax(0), b);
    smooth("logSoftmax", x -> x.logSoftmax(-1), a);
    smooth("logSoftmax", x -> x.logSoftmax(1), b);

    Tensor d = distinct(3, 5), d3 = distinct(2, 3, 5);
    firstOrder("max", x -> x.max(new int[] {1}, false), d);
    firstOrder("max", x -> x.max(), d3);
    firstOrder("min", x -> x.min(new int[] {0, 2}, true), d3);
    firstOrder("maxDim", x -> x.maxWithIndices(1, false).values(), d);
    firstOrder("minDim", x -> x.minWithIndices(0, true).values(), d3);
    firstOrder("sort", x -> x.sort(1, true).values(), d);
    firstOrder("sort", x -> x.sort(0, false).values(), d3);
    firstOrder("topk", x -> x.topk(2, 1, true, true).values(), d);
    firstOrder("topk", x -> x.topk(3, -1, false, true).values(), d3);
    firstOrder("kthvalue", x -> x.kthvalue(2, 1, false).values(), d);
    firstOrder("kthvalue", x -> x.kthvalue(1, 0, true).values(), d3);
    firstOrder("median", Tensor::median, d);
    firstOrder("medianDim", x -> x.median(1, false).values(), d);
    firstOrder("medianDim", x -> x.median(2, true).values(), d3);

    Map<String, Derivative> registered = new HashMap<>();
    ReductionDerivatives.register(registered);
    assertEquals(registered.keySet(), first, "first-order gradcheck must cover every reduction op");
    assertEquals(20, first.size(), "reduction ops checked to first order: " + first);
    assertEquals(11, second.size(), "reduction ops checked to second order: " + second);
  }

  // ---- the checks (io.jgrad.autograd.GradCheck: full Jacobian, eps 1e-6, atol 1e-5, rtol 1e-3) ----

  private void smooth(String op, UnaryOperator<Tensor> f, Tensor x) {
    firstOrder(op, f, x);
    GradCheck.checkSecondOrder(in -> f.apply(in.get(0)), List.of(x));
    second.add(op);
  }

  private void firstOrder(String op, UnaryOperator<Tensor> f, Tensor x) {
    GradCheck.Result r = GradCheck.checkJacobian(in -> f.apply(in.get(0)), List.of(x), GradCheck.Options.defaults());
    assertTrue(r.comparisons() >= x.numel(), op + ": " + r);
    first.add(op);
  }

  // ---- inputs ------------------------------------------------------------------------------

  private Tensor randn(int... shape) {
    double[] d = new double[shape.length == 0 ? 1 : io.jgrad.tensor.Shapes.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = gauss();
    return Tensor.fromArray(d, shape);
  }

  private double gauss() {
    double u = rnd.nextDouble(1e-12, 1), w = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }

  /** |x| in [0.5, 1.5], random signs. */
  private Tensor awayFromZero(int... shape) {
    double[] d = new double[io.jgrad.tensor.Shapes.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = (rnd.nextDouble() + 0.5) * (rnd.nextBoolean() ? 1 : -1);
    return Tensor.fromArray(d, shape);
  }

  /** A shuffled arithmetic sequence (gaps 0.1 >> eps): no ties, no zeros. */
  private Tensor distinct(int... shape) {
    int n = io.jgrad.tensor.Shapes.numel(shape);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = -1.05 + 0.1 * i;
    shuffle(d);
    return Tensor.fromArray(d, shape);
  }

  /** Distinct absolute values, random signs (for the p = 1 / inf norms). */
  private Tensor distinctAbs(int... shape) {
    int n = io.jgrad.tensor.Shapes.numel(shape);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = (0.3 + 0.1 * i) * (rnd.nextBoolean() ? 1 : -1);
    shuffle(d);
    return Tensor.fromArray(d, shape);
  }

  private void shuffle(double[] d) {
    for (int i = d.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double t = d[i];
      d[i] = d[j];
      d[j] = t;
    }
  }
}
