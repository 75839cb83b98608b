package io.jgrad.losses.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.RobustLosses;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The catalog specs' reference values for this family (components-001-059.md, papers 17 and 18), as fixtures. */
class CatalogReferenceValuesTest {
  @Test
  void arowReferenceValues() {
    Tensor zNat = Tensor.of(2.0, 0.5, -1.0).reshape(1, 3), zAdv = Tensor.of(0.5, 1.5, -1.0).reshape(1, 3);
    Tensor y = Tensor.of(0L);
    assertEquals(0.54131130, Losses.crossEntropy(zNat, y, null, -100, Reduction.MEAN, 0.2).item(), 1e-8, "sup");
    assertEquals(0.47264609, RobustLosses.arowRobust(zNat, zAdv, y).item(), 1e-8, "rob");
    assertEquals(3.84983393, RobustLosses.arow(zNat, zAdv, y, 0.2, 7).item(), 1e-8, "total, lambda 7");
  }

  @Test
  void elleReferenceValue() {
    assertEquals(0.40625, RobustLosses.elle(Tensor.of(1.0, 2.0), Tensor.of(3.0, 1.0), Tensor.of(2.5, 1.0), Tensor.of(0.5, 0.25))
        .item(), 1e-12);
  }
}
