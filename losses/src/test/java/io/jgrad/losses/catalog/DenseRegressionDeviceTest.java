package io.jgrad.losses.catalog;

import static io.jgrad.tensor.fake.OnDevice.FAKE;
import static io.jgrad.tensor.fake.OnDevice.assertMatches;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jgrad.losses.AggregateLosses;
import io.jgrad.losses.Calibration;
import io.jgrad.losses.Isotonic;
import io.jgrad.losses.LovaszLosses;
import io.jgrad.losses.LrQr;
import io.jgrad.losses.QuantileLosses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.RegressionExtLosses;
import io.jgrad.losses.RobustRegressionLosses;
import io.jgrad.losses.SegmentationLosses;
import io.jgrad.losses.TotalVariation;
import io.jgrad.losses.testing.DeviceRuns;
import io.jgrad.nn.data.Cutout;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every component of the dense/regression family on the test-only fake device against the CPU:
 * the value and the gradient of every floating input, one case per catalog id (and per form).
 */
class DenseRegressionDeviceTest {
  private static Map<String, Tensor> inputs() {
    Generator g = new Generator(31);
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put("logits", Tensor.randn(g, 2, 3, 4, 4));
    in.put("labels", Tensor.randint(g, 0, 3, 2, 4, 4));
    in.put("bin", Tensor.randint(g, 0, 2, 2, 4, 4));
    in.put("x", Tensor.randn(g, 6, 3));
    in.put("x2", Tensor.randn(g, 6, 3));
    in.put("v", Tensor.randn(g, 6));
    in.put("v2", Tensor.randn(g, 6));
    in.put("pos", Tensor.rand(g, 6).mul(3).add(0.1));
    in.put("pos2", Tensor.rand(g, 6).mul(3).add(0.1));
    in.put("c", Tensor.rand(g, 6).add(0.1));
    in.put("bags", Tensor.of(new long[] {0, 0, 1, 1, 1, 2}));
    in.put("img", Tensor.randn(g, 2, 5, 6));
    in.put("w", Tensor.rand(g, 2, 4, 5).add(0.2));
    in.put("pit", Tensor.rand(g, 9).mul(0.9).add(0.05));
    in.put("beta", Tensor.of(0.7f).reshape());
    return in;
  }

  private static Map<String, Function<Map<String, Tensor>, Tensor>> cases() {
    Map<String, Function<Map<String, Tensor>, Tensor>> c = new LinkedHashMap<>();
    c.put("dice_loss", t -> SegmentationLosses.dice(t.get("logits").softmax(1), t.get("labels"), true, true, true, 1e-5, 1e-5,
        false, Reduction.MEAN));
    c.put("generalized_dice_loss", t -> SegmentationLosses.generalizedDice(t.get("logits").softmax(1), t.get("labels"),
        Reduction.MEAN));
    c.put("tversky_loss", t -> SegmentationLosses.tversky(t.get("logits").softmax(1), t.get("labels"), 0.3, 0.7, 1, 1, true,
        false, 4.0 / 3, SegmentationLosses.FocalExponent.INVERSE, Reduction.MEAN));
    c.put("lovasz_softmax_loss", t -> LovaszLosses.lovaszSoftmax(t.get("logits").softmax(1), t.get("labels"), "present", true,
        null));
    c.put("lovasz_softmax_loss hinge", t -> LovaszLosses.lovaszHinge(t.get("logits").select(1, 0), t.get("bin"), true, null));
    c.put("pinball_loss", t -> QuantileLosses.pinball(t.get("x"), t.get("v"), new double[] {0.1, 0.5, 0.9}, Reduction.MEAN));
    c.put("pseudo_huber_loss", t -> RobustRegressionLosses.pseudoHuber(t.get("x"), t.get("x2"), t.get("c"), "huber", 2,
        Reduction.MEAN));
    c.put("proximal_matching_loss", t -> RobustRegressionLosses.proximalMatching(t.get("x"), t.get("x2"), 1.2, Reduction.MEAN));
    c.put("z_error_loss", t -> RobustRegressionLosses.zError(t.get("v"), t.get("v2"), 1.5, 1e-8));
    c.put("aggregate_response_loss", t -> AggregateLosses.aggregate(t.get("v"), t.get("v2"), t.get("bags"), 0.5, Reduction.NONE));
    c.put("regression_losses_ext", t -> RegressionExtLosses.logCosh(t.get("x"), t.get("x2"), Reduction.MEAN)
        .add(RegressionExtLosses.rmsle(t.get("pos"), t.get("pos2"), 1e-7, 1e-12))
        .add(RegressionExtLosses.mape(t.get("v"), t.get("pos"), 1e-7, Reduction.MEAN).mul(0.01)));
    c.put("total_variation_loss", t -> TotalVariation.anisotropic(t.get("img"), Reduction.SUM)
        .add(TotalVariation.isotropic(t.get("img"), 1, 1e-8, Reduction.MEAN)));
    c.put("weighted_total_variation", t -> TotalVariation.weighted(t.get("img"), t.get("w"), 1e-8, Reduction.SUM));
    c.put("calibration_regularizer", t -> Calibration.cdfCalibration(t.get("pit"), 2, Calibration.centeredLevels(10), 100)
        .add(Calibration.softQuantileCalibration(t.get("pit"), 2, 0.1))
        .add(Calibration.pitNormal(t.get("x").narrow(1, 0, 2), t.get("v"), 1e-6).sum()));
    c.put("pit_calibration_error", t -> Calibration.quantileCalibration(t.get("pit"), 1));
    c.put("lr_qr_threshold_fit", t -> LrQr.objective(t.get("v"), t.get("pos"), t.get("v2"), t.get("c"), t.get("beta"), 0.1, 0.5));
    c.put("soft sort", t -> Isotonic.softSort(t.get("x"), 0.3, false));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> everyComponentMatchesTheCpu() {
    List<DynamicTest> tests = DeviceRuns.matchTheCpu(cases(), DenseRegressionDeviceTest::inputs, "value", 1e-5);
    tests.add(DynamicTest.dynamicTest("regression_error_metrics", () -> {
      Tensor y = Tensor.randn(new Generator(4), 12), p = y.add(Tensor.randn(new Generator(6), 12).mul(0.3));
      var cpu = new io.jgrad.losses.metrics.RegressionErrorMetrics();
      var dev = new io.jgrad.losses.metrics.RegressionErrorMetrics();
      cpu.update(p, new io.jgrad.nn.data.Batch(p, y));
      dev.update(p.to(FAKE), new io.jgrad.nn.data.Batch(p.to(FAKE), y.to(FAKE)));
      assertEquals(cpu.compute(), dev.compute());
    }));
    tests.add(DynamicTest.dynamicTest("cutout", () -> {
      Tensor img = Tensor.randn(new Generator(3), 2, 8, 8);
      Tensor cpu = new Cutout(2, 4, "half", new Generator(9)).apply(img);
      Tensor dev = new Cutout(2, 4, "half", new Generator(9)).apply(img.to(FAKE));
      assertEquals(FAKE, dev.device());
      assertMatches("cutout", cpu, dev, FAKE, 0);
    }));
    return tests.stream();
  }
}
