package io.jgrad.losses.catalog;

import com.google.gson.JsonArray;
import io.jgrad.autograd.GradGolden;
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
import io.jgrad.losses.metrics.RegressionErrorMetrics;
import io.jgrad.nn.data.Cutout;
import io.jgrad.tensor.Golden;
import io.jgrad.tensor.GoldenCase;
import io.jgrad.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Values and gradients of the dense-prediction and regression family against PyTorch 1.13
 * reimplementations of the cited reference code (tools/golden/gen_catalog_dense_regression.py):
 * MONAI Dice/GDL/Tversky, bermanmaxim Lovász, sklearn pinball, diffusers pseudo-Huber, LPN
 * proximal matching, Keras regression losses, kornia TV, the calibration study's PIT metrics,
 * uoguelph Cutout masks; float64 and float32, first and (where recorded) second derivatives.
 */
class DenseRegressionGoldenTest {
  static Reduction red(GoldenCase c) { return Reduction.valueOf(c.stringArg("reduction").toUpperCase()); }

  static double[] doubles(GoldenCase c, String name) {
    JsonArray a = c.args().getAsJsonArray(name);
    double[] d = new double[a.size()];
    for (int i = 0; i < d.length; i++) d[i] = a.get(i).getAsDouble();
    return d;
  }

  static Tensor act(GoldenCase c, Tensor x) { return DenseRegressionObjectives.activate("golden", x, c.stringArg("activation")); }

  static Integer ignore(GoldenCase c) {
    int i = c.intArg("ignore_index");
    return i == -100 ? null : i;
  }

  @TestFactory
  Stream<DynamicTest> gradients() {
    Map<String, BiFunction<GoldenCase, List<Tensor>, Tensor>> ops = new HashMap<>();
    ops.put("dice", (c, in) -> SegmentationLosses.dice(act(c, in.get(0)), in.get(1), c.boolArg("include_background"),
        c.boolArg("squared_pred"), c.boolArg("jaccard"), c.doubleArg("smooth_nr"), c.doubleArg("smooth_dr"),
        c.boolArg("batch"), red(c)));
    ops.put("generalizedDice", (c, in) -> SegmentationLosses.generalizedDice(act(c, in.get(0)), in.get(1),
        c.boolArg("include_background"), c.stringArg("w_type"), c.doubleArg("smooth_nr"), c.doubleArg("smooth_dr"),
        c.boolArg("batch"), red(c)));
    ops.put("tversky", (c, in) -> SegmentationLosses.tversky(act(c, in.get(0)), in.get(1), c.doubleArg("alpha"),
        c.doubleArg("beta"), c.doubleArg("smooth_nr"), c.doubleArg("smooth_dr"), c.boolArg("include_background"),
        c.boolArg("batch"), c.doubleArg("gamma"), DenseRegressionEntries.focalExponent(c.stringArg("focal_exponent")), red(c)));
    ops.put("lovaszSoftmax", (c, in) -> LovaszLosses.lovaszSoftmax(
        in.get(0).size(1) == 1 ? in.get(0).sigmoid() : in.get(0).softmax(1), in.get(1), c.stringArg("classes"),
        c.boolArg("per_image"), ignore(c)));
    ops.put("lovaszHinge", (c, in) -> LovaszLosses.lovaszHinge(in.get(0), in.get(1), c.boolArg("per_image"), ignore(c)));
    ops.put("pinball", (c, in) -> QuantileLosses.pinball(in.get(0), in.get(1), doubles(c, "taus"), red(c)));
    ops.put("pseudoHuber", (c, in) -> RobustRegressionLosses.pseudoHuber(in.get(0), in.get(1), c.doubleArg("c"),
        c.stringArg("loss_type"), c.doubleArg("scale"), red(c)));
    ops.put("pseudoHuberPerSample", (c, in) -> RobustRegressionLosses.pseudoHuber(in.get(0), in.get(1), in.get(2),
        c.stringArg("loss_type"), c.doubleArg("scale"), red(c)));
    ops.put("proximalMatching", (c, in) -> RobustRegressionLosses.proximalMatching(in.get(0), in.get(1), c.doubleArg("gamma"),
        red(c)));
    ops.put("zError", (c, in) -> RobustRegressionLosses.zError(in.get(0), in.get(1), c.doubleArg("tau"), c.doubleArg("eps")));
    ops.put("aggregate", (c, in) -> AggregateLosses.aggregate(in.get(0), in.get(1), in.get(2), c.doubleArg("rho"), red(c)));
    ops.put("logCosh", (c, in) -> RegressionExtLosses.logCosh(in.get(0), in.get(1), red(c)));
    ops.put("mape", (c, in) -> RegressionExtLosses.mape(in.get(0), in.get(1), c.doubleArg("eps"), red(c)));
    ops.put("msle", (c, in) -> RegressionExtLosses.msle(in.get(0), in.get(1), c.doubleArg("eps"), red(c)));
    ops.put("rmse", (c, in) -> RegressionExtLosses.rmse(in.get(0), in.get(1), c.doubleArg("root_eps")));
    ops.put("rmsle", (c, in) -> RegressionExtLosses.rmsle(in.get(0), in.get(1), c.doubleArg("eps"), c.doubleArg("root_eps")));
    ops.put("tvAnisotropic", (c, in) -> TotalVariation.anisotropic(in.get(0), pixels(c)));
    ops.put("tvIsotropic", (c, in) -> TotalVariation.isotropic(in.get(0), c.doubleArg("beta"), c.doubleArg("eps"), pixels(c)));
    ops.put("tvWeighted", (c, in) -> TotalVariation.weighted(in.get(0), in.get(1), c.doubleArg("eps"), pixels(c)));
    ops.put("quantileCalibration", (c, in) -> Calibration.quantileCalibration(in.get(0), c.doubleArg("L")));
    ops.put("cdfCalibration", (c, in) -> Calibration.cdfCalibration(in.get(0), c.doubleArg("L"),
        Calibration.centeredLevels(c.intArg("levels")), c.doubleArg("s")));
    ops.put("softQuantileCalibration", (c, in) -> Calibration.softQuantileCalibration(in.get(0), c.doubleArg("L"),
        c.doubleArg("strength")));
    ops.put("pitNormal", (c, in) -> Calibration.pitNormal(in.get(0), in.get(1), c.doubleArg("min_std")));
    ops.put("gaussianNll", (c, in) -> Calibration.gaussianNll(in.get(0), in.get(1), c.doubleArg("min_std")));
    ops.put("quantileHeadCalibration", (c, in) -> Calibration.quantileHeadCalibration(in.get(0), in.get(1), doubles(c, "taus"),
        c.doubleArg("L"), c.doubleArg("s")));
    ops.put("softSort", (c, in) -> Isotonic.softSort(in.get(0), c.doubleArg("strength"), c.boolArg("descending")));
    ops.put("lrQrObjective", (c, in) -> LrQr.objective(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4),
        c.doubleArg("alpha"), c.doubleArg("lambda")));
    return GradGolden.run("catalog/dense_regression", ops, 372);
  }

  static Reduction pixels(GoldenCase c) { return Reduction.valueOf(c.stringArg("pixel_reduction").toUpperCase()); }

  @TestFactory
  Stream<DynamicTest> values() {
    Map<String, Function<GoldenCase, List<Tensor>>> ops = new HashMap<>();
    ops.put("huberC", c -> List.of(Tensor.of(RobustRegressionLosses.huberC(c.stringArg("schedule"), c.intArg("t"),
        c.intArg("num_train_timesteps"), c.doubleArg("huber_c"), c.doubleArg("huber_scale"), c.doubleArg("alpha_bar"))).reshape()));
    ops.put("proximalStage", c -> {
      var s = RobustRegressionLosses.ProximalMatchingStage.at(c.intArg("step"), c.intArg("num_steps"),
          c.intArg("num_steps_pretrain"), c.intArg("num_stages"), c.doubleArg("gamma_min"));
      return List.of(Tensor.of(s.pretrain() ? 1.0 : 0.0, s.gamma()));
    });
    ops.put("cdfCalibrationHard", c -> List.of(Calibration.cdfCalibration(c.input(0), c.doubleArg("L"),
        Calibration.centeredLevels(c.intArg("levels")), Double.NaN)));
    ops.put("pav", c -> List.of(Tensor.of(Isotonic.pav(c.input(0).toDoubleArray(), null, c.boolArg("increasing")))));
    ops.put("regressionMetrics", c -> {
      Map<String, Double> m = RegressionErrorMetrics.compute(c.input(0).toDoubleArray(), c.input(1).toDoubleArray(),
          c.stringArg("nrmse_normaliser"), c.stringArg("rrmse"));
      return List.of(Tensor.of(m.values().stream().mapToDouble(Double::doubleValue).toArray()));
    });
    ops.put("cutout", c -> {
      Tensor img = c.input(0);
      Tensor mask = Cutout.mask(img.size(1), img.size(2), c.intsArg("cy"), c.intsArg("cx"), c.intArg("length"),
          c.stringArg("extent"));
      return List.of(mask, img.mul(mask));
    });
    return Golden.run("catalog/dense_regression_values", ops, 37);
  }
}
