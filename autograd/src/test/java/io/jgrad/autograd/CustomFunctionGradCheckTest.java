package io.jgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Custom functions (Autograd.function) and the straight-through estimators under float64
 * GradCheck, first and second order, where their backward is the true derivative; and the
 * straight-through gradients, which are not, pinned exactly.
 */
class CustomFunctionGradCheckTest {
  private static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), DType.FLOAT64, shape); }

  /** softplus(x) = log(1 + e^x), saving sigmoid(x) for the backward g * sigmoid(x). */
  static Tensor softplus(Tensor x) {
    return Autograd.function("my_softplus", List.of(x), (ctx, in) -> {
      ctx.save(in.get(0));
      return in.get(0).exp().log1p();
    }, (ctx, g) -> new Tensor[] {g.mul(ctx.saved(0).sigmoid())});
  }

  /** f(a, b) = a * b^2 + sin(a), with its two partial derivatives written out. */
  static Tensor twoInputs(Tensor a, Tensor b) {
    return Autograd.function("ab2_sin", List.of(a, b), in -> in.get(0).mul(in.get(1).mul(in.get(1))).add(in.get(0).sin()),
        (ctx, g) -> {
          Tensor x = ctx.input(0), y = ctx.input(1);
          return new Tensor[] {ctx.needsGrad(0) ? g.mul(y.mul(y).add(x.cos())) : null,
              ctx.needsGrad(1) ? Derivatives.sumToShape(g.mul(x).mul(y).mul(2.0), y.shape()) : null};
        });
  }

  @Test
  void customExpBothOrders() {
    GradCheck.Result r = GradCheck.checkBoth(in -> CustomFunctionTest.exp(in.get(0)), List.of(randn(1, 3, 4)));
    assertEquals(true, r.form().contains("second order"), r.toString());
  }

  @Test
  void savedTensorsBothOrders() {
    GradCheck.checkBoth(in -> softplus(in.get(0)).mul(in.get(0)), List.of(randn(2, 5)));
  }

  @Test
  void twoInputsWithBroadcastBothOrders() {
    GradCheck.checkBoth(in -> twoInputs(in.get(0), in.get(1)), List.of(randn(3, 2, 3), randn(4, 3)));
  }

  @Test
  void twoInputsWhereOneIsAConstant() {
    Tensor b = randn(6, 3);
    GradCheck.checkBoth(in -> twoInputs(in.get(0), b), List.of(randn(5, 2, 3)));
    Tensor a = randn(7, 2, 3).requiresGrad(true);
    Tensor out = twoInputs(a, b);
    out.sum().backward();
    assertNull(b.grad());
  }

  @Test
  void chainedCustomFunctionsBothOrders() {
    GradCheck.checkBoth(in -> softplus(CustomFunctionTest.exp(in.get(0).mul(0.5))).sum(), List.of(randn(8, 6)));
  }

  @Test
  void clippedEstimatorIsClampsGradientAwayFromTheEnds() {
    // Inputs at least 0.1 from +-1: there the clipped identity is clamp's derivative exactly.
    Tensor x = Tensor.of(-2.0, -0.7, -0.2, 0.3, 0.8, 1.5, 3.0);
    GradCheck.checkBoth(in -> StraightThrough.clipped("ste_clamp_test", in.get(0), t -> t.clamp(-1, 1), -1, 1).mul(in.get(0)),
        List.of(x));
  }

  @Test
  void identityEstimatorOfASmoothMapBothOrders() {
    GradCheck.checkBoth(in -> StraightThrough.identity("ste_id", in.get(0), t -> t.mul(1.0)).exp(), List.of(randn(9, 4)));
  }

  @Test
  void straightThroughGradientsArePinned() {
    Tensor x = Tensor.of(-1.7, -0.5, 0.0, 0.49, 0.5, 1.5, 2.6).requiresGrad(true);
    Tensor w = Tensor.of(1.0, 2, 3, 4, 5, 6, 7);
    Tensor r = StraightThrough.round(x);
    assertArrayEquals(new double[] {-2, -0, 0, 0, 0, 2, 3}, r.toDoubleArray(), 0, "round half to even");
    assertArrayEquals(w.toDoubleArray(), Autograd.grad(r.mul(w).sum(), List.of(x), false).get(0).toDoubleArray(), 0);
    Tensor s = StraightThrough.sign(x);
    assertArrayEquals(new double[] {-1, -1, 0, 1, 1, 1, 1}, s.toDoubleArray(), 0);
    assertArrayEquals(w.toDoubleArray(), Autograd.grad(s.mul(w).sum(), List.of(x), false).get(0).toDoubleArray(), 0);
    Tensor sc = StraightThrough.signClipped(x);
    assertArrayEquals(new double[] {0, 2, 3, 4, 5, 0, 0},
        Autograd.grad(sc.mul(w).sum(), List.of(x), false).get(0).toDoubleArray(), 0, "1{|x| <= 1}");
    Tensor c = StraightThrough.clamp(x, -1, 1);
    assertArrayEquals(new double[] {-1, -0.5, 0, 0.49, 0.5, 1, 1}, c.toDoubleArray(), 0);
    assertArrayEquals(w.toDoubleArray(), Autograd.grad(c.mul(w).sum(), List.of(x), false).get(0).toDoubleArray(), 0);
    Tensor q = StraightThrough.roundClipped(x, -1, 2);
    assertArrayEquals(new double[] {-1, -0, 0, 0, 0, 2, 2}, q.toDoubleArray(), 0);
    assertArrayEquals(new double[] {0, 2, 3, 4, 5, 6, 0},
        Autograd.grad(q.mul(w).sum(), List.of(x), false).get(0).toDoubleArray(), 0, "1{-1 <= x <= 2}");
  }

  @Test
  void straightThroughSecondOrderIsLinearInTheGradient() {
    Tensor x = Tensor.of(-0.5, 0.2, 1.7).requiresGrad(true);
    Tensor v = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
    Tensor g = Autograd.grad(List.of(StraightThrough.signClipped(x)), List.of(x), List.of(v), true, true).get(0);
    // g = v * 1{|x| <= 1}: its gradient in v is the mask, in x none (the mask is piecewise constant).
    List<Tensor> gg = Autograd.grad(List.of(g.sum()), List.of(x, v), null, false, true);
    assertNull(gg.get(0));
    assertArrayEquals(new double[] {1, 1, 0}, gg.get(1).toDoubleArray(), 0);
  }

  @Test
  void straightThroughErrors() {
    Tensor x = Tensor.of(1.0, 2.0);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> StraightThrough.clamp(x, 1, 0));
    BackwardTest.assertMessage(e, "clamp", "min=1.0, max=0.0");
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> StraightThrough.identity("bad", x.requiresGrad(true), t -> t.sum()));
    BackwardTest.assertMessage(e, "bad", "keep the input's shape [2]", "got []");
  }
}
