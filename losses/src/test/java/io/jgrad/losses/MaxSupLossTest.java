package io.jgrad.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.catalog.Catalog;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** maxsup_loss's schedule: alpha + (alpha_end - alpha) e / E, as the reference's MaxSuppression. */
class MaxSupLossTest {
  @Test
  void alphaRampsOverTheEpochs() {
    MaxSupLoss m = (MaxSupLoss) Catalog.create("maxsup_loss", Objective.class);
    assertEquals(0.1, m.currentAlpha(), 1e-15, "before any schedule: alpha");
    m.setEpoch(0, 10);
    assertEquals(0.1, m.currentAlpha(), 1e-15);
    m.setEpoch(5, 10);
    assertEquals(0.15, m.currentAlpha(), 1e-15);
    m.setEpoch(9, 10);
    assertEquals(0.19, m.currentAlpha(), 1e-15);
    Tensor z = Tensor.of(new double[] {2, 1, 0.1, 0.5, 2.5, -1}).reshape(2, 3);
    Tensor y = Tensor.of(new long[] {0, 0});
    assertEquals(CalibrationLosses.maxSupLoss(z, y, 0.19, -100, Reduction.MEAN).item(), m.loss(z, new Batch(z, y)).item(), 1e-12);
  }
}
