package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks (float64 central differences, eps 1e-6, atol 1e-5, rtol 1e-3) of
 * every reduction derivative, first order for all ops and second order (the derivative of
 * sum(grad * v)) for the smooth ones. Inputs avoid kinks and ties where the op has them
 * (max/min/median/sort/topk/kthvalue, norm p = 1/inf), so finite differences are valid.
 * The test asserts that every op registered by {@link ReductionDerivatives} was covered.
 */
class ReductionGradCheckTest {
  static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;
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

  // ---- the checker -------------------------------------------------------------------------

  private void smooth(String op, UnaryOperator<Tensor> f, Tensor x) {
    firstOrder(op, f, x);
    secondOrder(op, f, x);
  }

  /** d sum(f(x) w) / dx: the tape against central differences, w random. */
  private void firstOrder(String op, UnaryOperator<Tensor> f, Tensor x0) {
    Tensor w = randnLike(f.apply(x0));
    Tensor x = x0.copy().requiresGrad(true);
    Tensor analytic = grad(f.apply(x).mul(w).sum(), x, false);
    double[] numeric = numeric(x0, xp -> f.apply(xp).mul(w).sum().item());
    compare(op + " first order", analytic, numeric);
    first.add(op);
  }

  /** d sum(g(x) v) / dx, g = d sum(f(x) w) / dx built with createGraph, against differences of g. */
  private void secondOrder(String op, UnaryOperator<Tensor> f, Tensor x0) {
    Tensor w = randnLike(f.apply(x0));
    Tensor v = randnLike(x0);
    Tensor x = x0.copy().requiresGrad(true);
    Tensor g = grad(f.apply(x).mul(w).sum(), x, true);
    // a gradient that does not depend on x (sum, mean, cumsum) has a zero second derivative
    Tensor analytic = g.requiresGrad() ? grad(g.mul(v).sum(), x, false) : Tensor.zerosLike(x);
    double[] numeric = numeric(x0, xp -> {
      Tensor xr = xp.requiresGrad(true);
      return grad(f.apply(xr).mul(w).sum(), xr, false).mul(v).sum().item();
    });
    compare(op + " second order", analytic, numeric);
    second.add(op);
  }

  private static Tensor grad(Tensor y, Tensor x, boolean create) {
    Tensor g = Autograd.grad(List.of(y), List.of(x), null, create, true).get(0);
    return g == null ? Tensor.zerosLike(x) : g;
  }

  interface Scalar { double at(Tensor x); }

  private static double[] numeric(Tensor x0, Scalar f) {
    double[] base = x0.toDoubleArray();
    double[] out = new double[base.length];
    for (int i = 0; i < base.length; i++) {
      double[] p = base.clone(), m = base.clone();
      p[i] += EPS;
      m[i] -= EPS;
      out[i] = (f.at(Tensor.fromArray(p, x0.shape())) - f.at(Tensor.fromArray(m, x0.shape()))) / (2 * EPS);
    }
    return out;
  }

  private static void compare(String what, Tensor analytic, double[] numeric) {
    double[] a = analytic.contiguous().toDoubleArray();
    assertEquals(numeric.length, a.length, what + ": gradient size");
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i] - numeric[i]) <= ATOL + RTOL * Math.abs(numeric[i]))) {
        fail(what + ": element " + i + " analytic " + a[i] + " numeric " + numeric[i]);
      }
    }
  }

  // ---- inputs ------------------------------------------------------------------------------

  private Tensor randn(int... shape) {
    double[] d = new double[shape.length == 0 ? 1 : io.jgrad.tensor.Shapes.numel(shape)];
    for (int i = 0; i < d.length; i++) d[i] = gauss();
    return Tensor.fromArray(d, shape);
  }

  private Tensor randnLike(Tensor t) { return randn(t.shape()).to(t.dtype()); }

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

  @Test
  void checkerCatchesAWrongGradient() {
    // the checker itself must be able to fail: x.sum() * 2 recorded through mulScalar is right,
    // a hand-made "gradient" of ones is not
    Tensor x0 = randn(4);
    double[] numeric = numeric(x0, xp -> xp.mul(2.0).sum().item());
    assertThrowsAssertion(() -> compare("wrong", Tensor.onesLike(x0), numeric));
    compare("right", Tensor.fullLike(x0, 2.0), numeric);
    assertEquals(DType.FLOAT64, x0.dtype());
  }

  private static void assertThrowsAssertion(Runnable r) {
    try {
      r.run();
    } catch (AssertionError expected) {
      return;
    }
    fail("expected the comparison to fail");
  }
}
