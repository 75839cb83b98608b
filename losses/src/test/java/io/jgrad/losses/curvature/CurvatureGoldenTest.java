package io.jgrad.losses.curvature;

import static io.jgrad.losses.Float64Assert.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jgrad.losses.Losses;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.Tanh;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The top Hessian eigenvalue, Hessian-vector products, the Hutchinson trace and per-sample
 * gradients against PyTorch 1.13 in float64 (tools/golden/gen_robustness.py): the exact Hessian
 * of torch.autograd.functional.hessian and torch's per-example loop.
 */
class CurvatureGoldenTest {
  static Module mlp(int in, int hidden, int out, Tensor... params) {
    Module m = Module.withDType(DType.FLOAT64, () -> new Sequential(new Linear(in, hidden), new Tanh(), new Linear(hidden, out)));
    m.loadStateDict(Map.of("0.weight", params[0], "0.bias", params[1], "2.weight", params[2], "2.bias", params[3]));
    return m;
  }

  static Tensor flat(List<Tensor> ts) {
    List<Tensor> f = new ArrayList<>();
    for (Tensor t : ts) f.add(t.reshape(-1));
    return Tensor.cat(f, 0);
  }

  /** Splits a flat [P] vector into tensors of the parameters' shapes. */
  static List<Tensor> split(Tensor v, List<Tensor> like) {
    List<Tensor> out = new ArrayList<>();
    int k = 0;
    for (Tensor p : like) {
      out.add(v.narrow(0, k, (int) p.numel()).reshape(p.shape()));
      k += (int) p.numel();
    }
    return out;
  }

  static void close(String what, double expected, double actual, double rtol) {
    if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected))) fail(what + ": expected " + expected + " but was " + actual);
  }

  @TestFactory
  Stream<DynamicTest> hessianMatchesTorch() {
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : Golden.load("robustness")) {
      if (!c.op().equals("hessian")) continue;
      tests.add(DynamicTest.dynamicTest(c.id(), () -> {
        Module m = mlp(3, 4, 3, c.input(2), c.input(3), c.input(4), c.input(5));
        Tensor x = c.input(0), y = c.input(1);
        List<Tensor> ps = m.parameters();
        // H v through the shared-gradient product
        HessianVectorProduct hvp = HessianVectorProduct.of(ps, () -> Losses.crossEntropy(m.call(x), y));
        assertClose(c.id() + " H v", c.expected(4), flat(hvp.apply(split(c.input(6), ps))),
            1e-12, 1e-9);
        // exact trace: sum of e_i^T H e_i over the basis
        Tensor eye = Tensor.eye(31, 31, DType.FLOAT64);
        double exact = 0;
        for (int i = 0; i < 31; i++) exact += flat(hvp.apply(split(eye.select(0, i), ps))).get(i);
        close(c.id() + " trace from basis products", c.expected(2).item(), exact, 1e-9);
        // power iteration, converged tightly (|lambda_2 / lambda_1| is close to 1 here, so many iterations)
        Curvature.TopEigen top = Curvature.topEigenvalue(ps, () -> Losses.crossEntropy(m.call(x), y), 3, 1e-13, 5000);
        assertTrue(top.converged(), "converged in " + top.iterations());
        close(c.id() + " top eigenvalue", c.expected(0).item(), top.value(), 1e-7);
        double align = Math.abs(flat(top.vector()).dot(c.expected(1)).item());
        assertEquals(1.0, align, 1e-3, "the eigenvector matches torch's up to sign");
        for (Tensor p : ps) assertEquals(null, p.grad());
      }));
    }
    assertEquals(2, tests.size());
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> perSampleGradientsMatchTorchsLoop() {
    List<DynamicTest> tests = new ArrayList<>();
    for (GoldenCase c : Golden.load("robustness")) {
      if (!c.op().equals("per_sample_grads")) continue;
      tests.add(DynamicTest.dynamicTest(c.id() + " " + c.stringArg("loss"), () -> {
        Module m = mlp(4, 5, 3, c.input(2), c.input(3), c.input(4), c.input(5));
        BiFunction<Tensor, Tensor, Tensor> loss = c.stringArg("loss").equals("mse")
            ? (o, t) -> Losses.mseLoss(o, t, io.jgrad.losses.Reduction.MEAN) : Losses::crossEntropy;
        PerSampleGradients g = PerSampleGradients.compute(m, loss, c.input(0), c.input(1));
        assertClose(c.id(), c.expected(0), g.matrix(), 1e-12, 1e-9);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(g.byParameter().keySet()));
        assertEquals("[5, 3, 5]", java.util.Arrays.toString(g.byParameter().get("2.weight").shape()));
        for (Tensor p : m.parameters()) assertEquals(null, p.grad());
      }));
    }
    assertEquals(2, tests.size());
    return tests.stream();
  }
}
