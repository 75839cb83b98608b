package io.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** legendretron_link: log-probabilities on the simplex, a flow that is the gradient of a convex function, eval without a graph. */
class LegendreLinkTest {
  static LegendreLink link(int classes, int blocks) {
    LegendreLink l = Module.withDType(DType.FLOAT64, () -> new LegendreLink(classes, blocks, 4, 3, new Generator(6)));
    l.forward(Tensor.randn(new Generator(1), DType.FLOAT64, 16, classes - 1));
    return l;
  }

  @Test
  void outputsAreLogProbabilities() {
    Tensor lp = link(5, 2).forward(Tensor.randn(new Generator(2), DType.FLOAT64, 7, 4).mul(3));
    assertEquals(List.of(7, 5), List.of(lp.size(0), lp.size(1)));
    double[] sums = lp.exp().sum(1).toDoubleArray();
    for (double s : sums) assertEquals(1.0, s, 1e-12);
  }

  /** Each flow is grad F with F strongly convex: its Jacobian is symmetric positive definite. */
  @Test
  void theFlowIsTheGradientOfAConvexFunction() {
    LegendreLink l = link(4, 1);
    LegendreLink.ConvexPotentialFlow f = (LegendreLink.ConvexPotentialFlow) l.namedModules().get("cpflows.0");
    Tensor x = Tensor.randn(new Generator(3), DType.FLOAT64, 1, 3).requiresGrad(true);
    Tensor y = f.forward(x);
    double[][] j = new double[3][];
    for (int i = 0; i < 3; i++) {
      Tensor e = Tensor.zeros(DType.FLOAT64, 1, 3);
      e.narrow(1, i, 1).fill(1);
      j[i] = Autograd.grad(List.of(y), List.of(x), List.of(e), true, false, false).get(0).toDoubleArray();
    }
    for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) assertEquals(j[a][b], j[b][a], 1e-9, "symmetric");
    Tensor jt = Tensor.of(new double[] {j[0][0], j[0][1], j[0][2], j[1][0], j[1][1], j[1][2], j[2][0], j[2][1], j[2][2]}).reshape(3, 3);
    for (double ev : Linalg.eigvalsh(jt.add(jt.t()).div(2), "L").toDoubleArray()) assertTrue(ev > 0, "positive definite: " + ev);
  }

  @Test
  void evaluatesWithoutAGraph() {
    LegendreLink l = link(3, 1);
    Tensor x = Tensor.randn(new Generator(4), DType.FLOAT64, 3, 2);
    Tensor withGrad = l.forward(x);
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor noGrad = l.forward(x);
      assertTrue(!noGrad.requiresGrad());
      assertEquals(0.0, noGrad.sub(withGrad.detach()).abs().max().item(), 1e-12);
    }
  }

  @Test
  void badArguments() {
    assertEquals("legendretron_link: dim_hidden must be even and >= 2, got 3",
        assertThrows(IllegalArgumentException.class, () -> new LegendreLink(4, 1, 3, 4, new Generator(1))).getMessage());
    assertEquals("legendretron_link: input must be [N, 3] (C - 1 scores), got [2, 4]",
        assertThrows(IllegalArgumentException.class, () -> new LegendreLink(4).forward(Tensor.zeros(2, 4))).getMessage());
  }
}
