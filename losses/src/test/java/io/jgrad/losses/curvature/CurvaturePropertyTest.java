package io.jgrad.losses.curvature;

import static io.jgrad.losses.Float64Assert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Autograd;
import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Curvature tools on problems with known answers: quadratics, the functional hvp, Hutchinson against the exact trace. */
class CurvaturePropertyTest {
  private static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), DType.FLOAT64, shape); }

  /** A = Q diag(lambda) Q^T with a seeded orthogonal Q. */
  private static Tensor symmetric(long seed, double... lambda) {
    Tensor q = Linalg.qr(randn(seed, lambda.length, lambda.length)).Q();
    return q.mul(Tensor.of(lambda).unsqueeze(0)).matmul(q.t());
  }

  /** 0.5 theta^T A theta: its Hessian is A. */
  private static Tensor quadratic(Tensor theta, Tensor a) { return theta.matmul(a.matmul(theta)).mul(0.5); }

  @Test
  void topEigenvalueOfAQuadraticIsItsLargestInMagnitude() {
    Tensor a = symmetric(1, 3.0, -1.0, 0.5, 2.0, -0.2);
    Tensor theta = randn(2, 5).requiresGrad(true);
    Curvature.TopEigen top = Curvature.topEigenvalue(List.of(theta), () -> quadratic(theta, a), 7, 1e-12, 1000);
    assertTrue(top.converged());
    assertEquals(3.0, top.value(), 1e-9);
    Tensor v = top.vector().get(0);
    assertClose("A v = 3 v", v.mul(3.0), a.matmul(v), 1e-5, 0);
    Tensor b = symmetric(3, -4.0, 1.0, 2.0);
    Tensor t2 = randn(4, 3).requiresGrad(true);
    assertEquals(-4.0, Curvature.topEigenvalue(List.of(t2), () -> quadratic(t2, b), 1, 1e-12, 1000).value(), 1e-9,
        "a negative dominant eigenvalue keeps its sign");
    assertNull(theta.grad());
  }

  @Test
  void theDefaultToleranceStopsEarly() {
    Tensor a = symmetric(5, 10.0, 1.0, 0.1);
    Tensor theta = randn(6, 3).requiresGrad(true);
    Curvature.TopEigen top = Curvature.topEigenvalue(List.of(theta), () -> quadratic(theta, a), 1, Curvature.TOL, Curvature.MAX_ITER);
    assertTrue(top.converged() && top.iterations() < 10, "iterations " + top.iterations());
    assertEquals(10.0, top.value(), 10.0 * 1e-3);
  }

  @Test
  void hutchinsonIsExactForADiagonalHessian() {
    Tensor d = Tensor.of(1.0, -2.0, 3.5, 0.25);
    Tensor theta = randn(8, 4).requiresGrad(true);
    Curvature.Trace t = Curvature.trace(List.of(theta), () -> theta.mul(theta).mul(d).sum().mul(0.5), 5, 9);
    assertEquals(2.75, t.value(), 1e-12);
    assertEquals(0.0, t.standardError(), 1e-12);
    assertEquals(5, t.samples());
    assertTrue(Double.isNaN(Curvature.trace(List.of(theta), () -> theta.mul(theta).sum(), 1, 1).standardError()),
        "one sample has no standard error");
  }

  @Test
  void hutchinsonIsWithinAFewStandardErrorsOfTheExactTrace() {
    for (GoldenCase c : io.jgrad.tensor.Golden.load("robustness")) {
      if (!c.op().equals("hessian")) continue;
      Module m = CurvatureGoldenTest.mlp(3, 4, 3, c.input(2), c.input(3), c.input(4), c.input(5));
      Tensor x = c.input(0), y = c.input(1);
      double exact = c.expected(2).item();
      for (long seed = 1; seed <= 4; seed++) {
        Curvature.Trace t = Curvature.trace(m, () -> Losses.crossEntropy(m.call(x), y), 300, seed);
        assertTrue(Math.abs(t.value() - exact) <= 4 * t.standardError(),
            c.id() + " seed " + seed + ": " + t + " vs exact " + exact);
        assertTrue(t.standardError() > 0 && t.standardError() < 0.2 * Math.abs(exact), t.toString());
      }
    }
  }

  @Test
  void productsEqualTheFunctionalHvp() {
    Module m = CurvatureGoldenTest.mlp(3, 4, 3, randn(11, 4, 3), randn(12, 4), randn(13, 3, 4), randn(14, 3));
    Tensor x = randn(15, 6, 3), y = Tensor.randint(new Generator(16), 0, 3, 6);
    List<Tensor> ps = m.parameters();
    List<Tensor> v = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) v.add(randn(20 + i, ps.get(i).shape()));
    List<Tensor> ours = HessianVectorProduct.of(ps, () -> Losses.crossEntropy(m.call(x), y)).apply(v);
    List<Tensor> values = new ArrayList<>();
    for (Tensor p : ps) values.add(p.detach().copy());
    List<Tensor> ref = Autograd.hvp(in -> Losses.crossEntropy(
        x.matmul(in.get(0).t()).add(in.get(1)).tanh().matmul(in.get(2).t()).add(in.get(3)), y), values, v);
    for (int i = 0; i < ps.size(); i++) assertClose("param " + i, ref.get(i), ours.get(i), 1e-12, 1e-10);
  }

  @Test
  void linearOrUnusedParametersGiveZeros() {
    Tensor a = randn(30, 3).requiresGrad(true), unused = randn(31, 2).requiresGrad(true);
    HessianVectorProduct h = HessianVectorProduct.of(List.of(a, unused), () -> a.sum().mul(2.0));
    List<Tensor> hv = h.apply(List.of(randn(32, 3), randn(33, 2)));
    assertEquals(0.0, hv.get(0).abs().sum().item());
    assertEquals(0.0, hv.get(1).abs().sum().item());
    assertClose("gradient", Tensor.full(new int[] {3}, 2.0, DType.FLOAT64), h.gradient().get(0), 0, 0);
    Curvature.TopEigen top = Curvature.topEigenvalue(List.of(a, unused), () -> a.sum(), 1, 1e-6, 10);
    assertEquals(0.0, top.value());
    assertEquals(0.0, Curvature.trace(List.of(a), () -> a.sum(), 3, 1).value());
  }

  @Test
  void perSampleGradientsAverageToTheBatchGradient() {
    Module m = CurvatureGoldenTest.mlp(3, 4, 3, randn(41, 4, 3), randn(42, 4), randn(43, 3, 4), randn(44, 3));
    Tensor x = randn(45, 7, 3), y = Tensor.randint(new Generator(46), 0, 3, 7);
    PerSampleGradients g = PerSampleGradients.compute(m, Losses::crossEntropy, x, y);
    assertEquals("[7, 31]", java.util.Arrays.toString(g.matrix().shape()));
    List<Tensor> batch = Autograd.grad(Losses.crossEntropy(m.call(x), y), m.parameters(), false);
    assertClose("mean of per-sample = batch gradient", CurvatureGoldenTest.flat(batch), g.matrix().mean(new int[] {0}, false),
        1e-14, 1e-10);
    assertClose("byParameter is the matrix, reshaped", g.matrix().narrow(1, 0, 12).reshape(7, 4, 3), g.byParameter().get("0.weight"), 0, 0);
  }
}
