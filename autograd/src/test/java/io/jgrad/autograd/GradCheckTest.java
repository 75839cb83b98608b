package io.jgrad.autograd;

import static io.jgrad.autograd.BackwardTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** GradCheck passes correct gradients and catches wrong ones, naming input, element and values. */
class GradCheckTest {
  static Tensor randn(long seed, int... shape) { return Tensor.randn(new Generator(seed), DType.FLOAT64, shape); }

  @Test
  void correctGradientsPassFirstAndSecondOrder() {
    Tensor a = randn(1, 3, 4), b = randn(2, 4, 2);
    Function<List<Tensor>, Tensor> f = in -> in.get(0).matmul(in.get(1)).tanh();
    GradCheck.Result r = GradCheck.check(f, List.of(a, b));
    assertEquals("jacobian", r.form());
    assertEquals(2, r.inputs());
    assertEquals((12 + 8) * 6L, r.comparisons(), "every Jacobian entry compared");
    assertTrue(r.maxError() < 1e-7, "max error " + r.maxError());
    GradCheck.Result r2 = GradCheck.checkSecondOrder(f, List.of(a, b));
    assertEquals("second order jacobian", r2.form());
    assertEquals(3, r2.inputs(), "a, b and the cotangent");
  }

  @Test
  void broadcastingAndScalarOutputs() {
    Tensor a = randn(3, 3, 1), b = randn(4, 4);
    GradCheck.checkBoth(in -> in.get(0).mul(in.get(1)).exp().sum(), List.of(a, b));
  }

  @Test
  void randomDirectionsForLargeInputs() {
    Tensor a = randn(5, 40, 30), b = randn(6, 30, 20);
    Function<List<Tensor>, Tensor> f = in -> in.get(0).matmul(in.get(1)).tanh();
    GradCheck.Result r = GradCheck.check(f, List.of(a, b));
    assertEquals("directions", r.form(), "1800 input elements exceed the full-Jacobian limit");
    assertEquals(8, r.comparisons());
    GradCheck.Result r2 = GradCheck.checkSecondOrder(f, List.of(a, b), GradCheck.Options.defaults().withDirections(3));
    assertEquals("second order directions", r2.form());
  }

  @Test
  void aDetachedTermIsCaughtWithInputAndElement() {
    // f(x) = x * detach(x): the tape says x, finite differences say 2x.
    Tensor x = Tensor.of(1.0, 2.0, 3.0);
    var e = assertThrows(GradCheckException.class, () -> GradCheck.check(in -> in.get(0).mul(in.get(0).detach()), List.of(x)));
    assertMessage(e, "GradCheck (jacobian)", "d output 0 element 0 [0] / d input 0 element 0 [0]", "numeric 2.0",
        "analytic 1.0", "3 of 9 Jacobian entries differ");
  }

  @Test
  void aWrongGradientIsCaughtInTheRightInput() {
    // A hook that doubles the gradient reaching b: wrong in input 1 only.
    Tensor a = randn(7, 2, 3), b = randn(8, 2, 3);
    Function<List<Tensor>, Tensor> f = in -> {
      Tensor bb = in.get(1).mul(1.0);
      if (bb.requiresGrad()) Hooks.register(bb, g -> g.mul(2.0));
      return in.get(0).add(bb.exp());
    };
    var e = assertThrows(GradCheckException.class, () -> GradCheck.check(f, List.of(a, b)));
    assertMessage(e, "/ d input 1 element 0 [0, 0]", "6 of 72 Jacobian entries differ");
    var e2 = assertThrows(GradCheckException.class, () -> GradCheck.checkDirections(f, List.of(a, b), GradCheck.Options.defaults()));
    assertMessage(e2, "GradCheck (directions)", "<J t, c> by finite differences", "8 of 8 random directions differ");
  }

  @Test
  void secondOrderCatchesAGradientThatLeavesTheGraph() {
    // First order is right, but the hook cuts the gradient's own graph: d/dv of J^T v is lost.
    Tensor x = Tensor.of(0.3, -0.7);
    Function<List<Tensor>, Tensor> f = in -> {
      Tensor h = in.get(0).mul(in.get(0));
      if (h.requiresGrad()) Hooks.register(h, g -> g.detach());
      return h.exp();
    };
    GradCheck.check(f, List.of(x));
    var e = assertThrows(GradCheckException.class, () -> GradCheck.checkSecondOrder(f, List.of(x)));
    assertMessage(e, "GradCheck (second order jacobian)", "/ d input 0 element", "Jacobian entries differ");
  }

  @Test
  void intInputsPassThroughAndFloat32IsRefused() {
    Tensor x = randn(9, 4, 3), idx = Tensor.of(2L, 0L, 1L, 1L).reshape(4, 1);
    GradCheck.Result r = GradCheck.check(in -> in.get(0).gather(1, in.get(1)), List.of(x, idx));
    assertEquals(1, r.inputs());
    var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in.get(0).exp(), List.of(Tensor.of(1f, 2f))));
    assertMessage(e, "input 0 [2] has dtype float32", "FLOAT64");
    var e2 = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.check(in -> in.get(0).to(DType.FLOAT32), List.of(Tensor.of(1.0))));
    assertMessage(e2, "output 0 [1] has dtype float32");
  }

  @Test
  void severalOutputsAndConstantOutputs() {
    Tensor x = randn(10, 3);
    GradCheck.Result r = GradCheck.checkOutputs(in -> List.of(in.get(0).exp(), in.get(0).mul(in.get(0)).sum(),
        Tensor.ones(DType.FLOAT64, 2)), List.of(x), GradCheck.Options.defaults());
    assertEquals(3 * (3 + 1 + 2), r.comparisons());
  }

  @Test
  void mlpLossToSecondOrderInParamsAndInTheInput() {
    // The pieces of a gradient penalty: d/dparams of a loss, and of d loss / d x (input gradients).
    Tensor x = randn(20, 4, 3), y = randn(21, 4, 2);
    List<Tensor> params = List.of(randn(22, 3, 5).mul(0.5), randn(23, 5).mul(0.1), randn(24, 5, 2).mul(0.5),
        randn(25, 2).mul(0.1));
    GradCheck.checkBoth(MemoryTest.mlpLoss(x, y), params);
    Function<List<Tensor>, Tensor> ofInput = in -> MemoryTest.mlpLoss(in.get(0), y).apply(params);
    GradCheck.checkBoth(ofInput, List.of(x));
  }

  @Test
  void tolerancesAreConfigurable() {
    Tensor x = Tensor.of(1.0, 2.0);
    Function<List<Tensor>, Tensor> f = in -> in.get(0).mul(in.get(0).detach());
    // errors 1 and 2 pass with atol 0.5 + rtol 0.5 * |numeric| (1.5 and 2.5), fail with the defaults.
    GradCheck.check(f, List.of(x), GradCheck.Options.defaults().withAtol(0.5).withRtol(0.5)
        .withEps(1e-4));
    var e = assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.defaults().withEps(0));
    assertMessage(e, "eps > 0");
  }
}
