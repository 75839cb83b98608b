package io.jgrad.losses.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.losses.LrQr;
import io.jgrad.losses.QuantileLosses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.RobustRegressionLosses;
import io.jgrad.losses.SegmentationLosses;
import io.jgrad.losses.metrics.RegressionErrorMetrics;
import io.jgrad.nn.Linear;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.Cutout;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The family's registry rows: ids, kinds, parameters and that each built object computes the functional form. */
class DenseRegressionEntriesTest {
  static final List<String> IDS = List.of("dice_loss", "generalized_dice_loss", "tversky_loss", "lovasz_softmax_loss",
      "pinball_loss", "pseudo_huber_loss", "proximal_matching_loss", "z_error_loss", "aggregate_response_loss",
      "regression_losses_ext", "total_variation_loss", "weighted_total_variation", "calibration_regularizer",
      "lr_qr_threshold_fit", "pit_calibration_error", "regression_error_metrics", "cutout");

  @Test
  void everyComponentIsRegisteredWithItsKind() {
    List<Component> rows = new DenseRegressionEntries().entries();
    assertEquals(IDS, rows.stream().map(Component::id).toList());
    for (Component c : rows) {
      assertTrue(Catalog.contains(c.id()), c.id() + " is not found through ServiceLoader");
      Object o = c.create(c.params(Map.of()));
      Class<?> want = switch (c.kind()) {
        case LOSS -> Objective.class;
        case REGULARIZER -> Regularizer.class;
        case METRIC -> Metric.class;
        case TRANSFORM -> Cutout.class;
        case TOOL -> LrQr.Fitter.class;
        default -> Object.class;
      };
      assertInstanceOf(want, o, c.id());
    }
  }

  @Test
  void segmentationObjectivesTakeLogits() {
    Tensor logits = Tensor.randn(new Generator(2), DType.FLOAT64, 2, 3, 4, 4);
    Tensor labels = Tensor.randint(new Generator(3), 0, 3, 2, 4, 4);
    Batch b = new Batch(logits, labels);
    Objective dice = Catalog.create("dice_loss:jaccard=true", Objective.class);
    assertEquals(SegmentationLosses.dice(logits.softmax(1), labels, true, false, true, 1e-5, 1e-5, false, Reduction.MEAN).item(),
        dice.loss(logits, b).item(), 1e-12);
    Objective tv = Catalog.create("tversky_loss:gamma=1.3333,focal_exponent=power", Objective.class);
    assertEquals(SegmentationLosses.tversky(logits.softmax(1), labels, 0.3, 0.7, 1, 1, true, false, 1.3333,
        SegmentationLosses.FocalExponent.POWER, Reduction.MEAN).item(), tv.loss(logits, b).item(), 1e-12);
    assertTrue(Catalog.create("lovasz_softmax_loss", Objective.class).loss(logits, b).item() > 0);
    Tensor bin = Tensor.randint(new Generator(4), 0, 2, 2, 4, 4);
    assertTrue(Catalog.create("lovasz_softmax_loss:mode=hinge,per_image=true", Objective.class)
        .loss(logits.narrow(1, 0, 1), new Batch(logits, bin)).item() > 0);
    assertTrue(Catalog.create("generalized_dice_loss:w_type=simple", Objective.class).loss(logits, b).item() > 0);
  }

  @Test
  void regressionObjectivesTakeColumnOrFlatOutputs() {
    Tensor out = Tensor.randn(new Generator(5), DType.FLOAT64, 8, 1);
    Tensor y = Tensor.randn(new Generator(6), DType.FLOAT64, 8);
    Batch b = new Batch(out, y);
    assertEquals(RobustRegressionLosses.pseudoHuber(out.squeeze(1), y, 0.1, "huber", 2, Reduction.MEAN).item(),
        Catalog.create("pseudo_huber_loss", Objective.class).loss(out, b).item(), 1e-12);
    assertEquals(QuantileLosses.pinball(out.squeeze(1), y, new double[] {0.9}, Reduction.MEAN).item(),
        Catalog.create("pinball_loss:taus=0.9", Objective.class).loss(out, b).item(), 1e-12);
    Tensor three = Tensor.randn(new Generator(7), DType.FLOAT64, 8, 3);
    assertEquals(QuantileLosses.pinball(three, y, new double[] {0.1, 0.5, 0.9}, Reduction.MEAN).item(),
        Catalog.create("pinball_loss:taus=0.1;0.5;0.9", Objective.class).loss(three, b).item(), 1e-12);
    for (String loss : List.of("rmse", "log_cosh", "mape", "msle", "rmsle")) {
      double v = Catalog.create("regression_losses_ext:loss=" + loss, Objective.class).loss(out.abs(), new Batch(out, y.abs())).item();
      assertTrue(Double.isFinite(v) && v >= 0, loss + " gave " + v);
    }
    assertTrue(Catalog.create("z_error_loss", Objective.class).loss(out, b).item() >= 0);
    assertTrue(Catalog.create("proximal_matching_loss:gamma=0.5", Objective.class).loss(out, b).item() >= 0);
  }

  @Test
  void regularizersPenaliseOutputs() {
    Tensor img = Tensor.randn(new Generator(8), DType.FLOAT64, 2, 1, 5, 5);
    Batch b = new Batch(img, img);
    Regularizer tv = Catalog.create("total_variation_loss:lambda=0.5", Regularizer.class);
    double direct = io.jgrad.losses.TotalVariation.anisotropic(img, Reduction.SUM).sum(new int[] {1}, false).mean().item() * 0.5;
    assertEquals(direct, tv.penalty(new Linear(1, 1), b, img).item(), 1e-12);
    Regularizer cal = Catalog.create("calibration_regularizer:method=soft_quantile", Regularizer.class);
    Tensor out = Tensor.randn(new Generator(9), DType.FLOAT64, 16, 2);
    assertTrue(cal.penalty(new Linear(1, 1), new Batch(out, Tensor.randn(new Generator(10), DType.FLOAT64, 16)), out).item() >= 0);
  }

  @Test
  void metricsAccumulateOverBatches() {
    Metric m = Catalog.create("regression_error_metrics", Metric.class);
    double[] y = {1, 2, 3, 4, 5, 6}, p = {1.5, 1.5, 3.5, 3.0, 5.5, 6.5};
    m.update(Tensor.of(p).narrow(0, 0, 3), new Batch(Tensor.of(p).narrow(0, 0, 3), Tensor.of(y).narrow(0, 0, 3)));
    m.update(Tensor.of(p).narrow(0, 3, 3), new Batch(Tensor.of(p).narrow(0, 3, 3), Tensor.of(y).narrow(0, 3, 3)));
    Map<String, Double> all = m.compute();
    assertEquals(RegressionErrorMetrics.compute(y, p, "std", "pred"), all);
    assertEquals(Math.sqrt((0.25 * 5 + 1) / 6), all.get("rmse"), 1e-12);
    m.reset();
    Metric pce = Catalog.create("pit_calibration_error:dist=pit", Metric.class);
    Tensor pit = Tensor.of(0.1, 0.9, 0.4, 0.35, 0.8);
    pce.update(pit, new Batch(pit, pit));
    assertEquals(0.076667, pce.compute().get("pce"), 1e-6);
    Metric cov = Catalog.create("pit_calibration_error:dist=quantiles,taus=0.5", Metric.class);
    cov.update(Tensor.of(0.0, 0.0, 0.0, 0.0).reshape(4, 1), new Batch(Tensor.zeros(4, 1), Tensor.of(-1.0, -2.0, 1.0, 3.0)));
    assertEquals(0.5, cov.compute().get("coverage_0.5"), 0);
  }

  @Test
  void lrQrWithoutRegularizationIsQuantileRegression() {
    Generator g = new Generator(11);
    int n = 600;
    Tensor x = Tensor.rand(g, DType.FLOAT64, n, 1).mul(2);
    Tensor s = Tensor.randn(g, DType.FLOAT64, n).abs().mul(x.squeeze(1).add(0.5));
    LrQr.Threshold th = new LrQr.Fitter(0.1, 0.0, true, 1500, 0.05).fit(x, s, x, x);
    double cover = th.covers(x, s).to(DType.FLOAT64).mean().item();
    assertEquals(0.9, cover, 0.03, "in-sample coverage of the 0.9 quantile regression");
    LrQr.Threshold reg = new LrQr.Fitter(0.1, 1.0, true, 1500, 0.05).fit(x, s, x, x);
    assertEquals(0.9, reg.covers(x, s).to(DType.FLOAT64).mean().item(), 0.05, "no shift: LR-QR keeps the coverage");
  }

  @Test
  void unknownParametersAndBadValuesAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("dice_loss:smoothing=1",
        Objective.class));
    assertTrue(e.getMessage().startsWith("dice_loss: unknown parameter 'smoothing'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("tversky_loss:focal_exponent=cube", Objective.class));
    assertEquals("tversky_loss: focal_exponent must be inverse or power, got 'cube'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("regression_losses_ext:loss=mse", Objective.class));
    assertEquals("regression_losses_ext: loss must be rmse, log_cosh, mape, msle or rmsle, got 'mse'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("pinball_loss:taus=0;1", Objective.class));
    assertEquals("pinball_loss: tau must be in (0, 1), got 0.0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("total_variation_loss:mode=tv3", Regularizer.class));
    assertEquals("total_variation_loss: mode must be anisotropic or isotropic, got 'tv3'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Catalog.create("cutout:extent=quarter", Object.class));
    assertEquals("cutout: extent must be half or full, got 'quarter'", e.getMessage());
    assertEquals(Status.PARTIAL, Catalog.get("weighted_total_variation").status());
  }
}
