package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conventions at the kinks of regression_losses_core that the torch goldens leave out. */
class CatalogClassicEdgeTest {
  static double[][] grads(String spec, double[] x, double[] y) {
    Tensor a = Tensor.of(x).to(DType.FLOAT64).requiresGrad(true), b = Tensor.of(y).to(DType.FLOAT64).requiresGrad(true);
    Catalog.create(spec, Objective.class).loss(a, new Batch(a, b)).sum().backward();
    return new double[][] {a.grad().toDoubleArray(), b.grad().toDoubleArray()};
  }

  /**
   * At r = 0 the L1 forms take the subgradient 0 for both arguments (as torch's l1_loss).
   * torch 1.13's smooth_l1_loss with beta = 0 returns -1 for x and -1 for y there: not one
   * subgradient of |x - y| for the pair, so jgrad does not follow it.
   */
  @Test
  void l1FormsTakeZeroAtZeroResidual() {
    for (String spec : List.of("regression_losses_core:form=l1,reduction=none", "regression_losses_core:form=smooth_l1,beta=0,reduction=none")) {
      double[][] g = grads(spec, new double[] {0.5, 2, -1}, new double[] {0.5, 1, 0});
      assertArrayEquals(new double[] {0, 1, -1}, g[0], 0, spec);
      assertArrayEquals(new double[] {0, -1, 1}, g[1], 0, spec);
    }
  }

  @Test
  void defaultsAreMseMean() {
    Objective o = Catalog.create("regression_losses_core", Objective.class);
    Tensor x = Tensor.of(1.0, 2.0, 4.0), y = Tensor.of(0.0, 2.0, 1.0);
    assertEquals((1 + 0 + 9) / 3.0, o.loss(x, new Batch(x, y)).item(), 1e-12);
  }
}
