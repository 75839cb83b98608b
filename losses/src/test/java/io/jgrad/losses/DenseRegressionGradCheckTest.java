package io.jgrad.losses;

import static io.jgrad.losses.LossesPropertyTest.classes;
import static io.jgrad.losses.LossesPropertyTest.rand;
import static io.jgrad.losses.LossesPropertyTest.randn;

import io.jgrad.losses.testing.GradCheckCases;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Float64 finite-difference gradchecks (STYLE.md section 11) of the dense-prediction and
 * regression family, named by catalog id: first order everywhere, second order where the
 * component is smooth (piecewise-linear ones, sorts and masks are checked to first order away
 * from their kinks, ties and mask boundaries).
 */
class DenseRegressionGradCheckTest {
  record Case(String component, String name, List<Tensor> inputs, Function<List<Tensor>, Tensor> f, boolean second) implements GradCheckCases.Case {}

  static List<Case> cases() {
    SplittableRandom r = new SplittableRandom(17);
    List<Case> l = new ArrayList<>();
    Tensor logits = randn(r, 2, 3, 3, 3), labels = classes(r, 3, 2, 3, 3);
    l.add(new Case("dice_loss", "mean", List.of(logits, labels),
        in -> SegmentationLosses.dice(in.get(0).softmax(1), in.get(1), Reduction.MEAN), true));
    l.add(new Case("dice_loss", "jaccard squared batch none", List.of(logits, rand(r, 0, 1, 2, 3, 3, 3)),
        in -> SegmentationLosses.dice(in.get(0).softmax(1), in.get(1), false, true, true, 1e-5, 1e-5, true, Reduction.NONE), true));
    l.add(new Case("generalized_dice_loss", "square", List.of(logits, labels),
        in -> SegmentationLosses.generalizedDice(in.get(0).softmax(1), in.get(1), Reduction.MEAN), true));
    l.add(new Case("generalized_dice_loss", "simple soft target", List.of(logits, rand(r, 0.1, 1, 2, 3, 3, 3)),
        in -> SegmentationLosses.generalizedDice(in.get(0).softmax(1), in.get(1), true, "simple", 1e-5, 1e-5, false,
            Reduction.NONE), true));
    l.add(new Case("tversky_loss", "plain", List.of(logits, labels),
        in -> SegmentationLosses.tversky(in.get(0).softmax(1), in.get(1), Reduction.NONE), true));
    l.add(new Case("tversky_loss", "focal 1/gamma", List.of(logits, labels),
        in -> SegmentationLosses.tversky(in.get(0).softmax(1), in.get(1), 0.3, 0.7, 1, 1, true, false, 4.0 / 3,
            SegmentationLosses.FocalExponent.INVERSE, Reduction.MEAN), true));
    l.add(new Case("tversky_loss", "focal gamma", List.of(logits, labels),
        in -> SegmentationLosses.tversky(in.get(0).softmax(1), in.get(1), 0.5, 0.5, 1e-5, 1e-5, false, true, 2,
            SegmentationLosses.FocalExponent.POWER, Reduction.SUM), true));
    l.add(new Case("lovasz_softmax_loss", "softmax present", List.of(logits, labels),
        in -> LovaszLosses.lovaszSoftmax(in.get(0).softmax(1), in.get(1), "present", false, null), false));
    l.add(new Case("lovasz_softmax_loss", "softmax per image all", List.of(logits, labels),
        in -> LovaszLosses.lovaszSoftmax(in.get(0).softmax(1), in.get(1), "all", true, null), false));
    l.add(new Case("lovasz_softmax_loss", "hinge", List.of(randn(r, 2, 4, 4), classes(r, 2, 2, 4, 4)),
        in -> LovaszLosses.lovaszHinge(in.get(0), in.get(1), true, null), false));
    Tensor pred = randn(r, 6, 3), y = randn(r, 6);
    l.add(new Case("pinball_loss", "three levels", List.of(pred, y),
        in -> QuantileLosses.pinball(in.get(0), in.get(1), new double[] {0.1, 0.5, 0.9}, Reduction.MEAN), false));
    Tensor a = randn(r, 3, 4), b = randn(r, 3, 4);
    l.add(new Case("pseudo_huber_loss", "huber", List.of(a, b),
        in -> RobustRegressionLosses.pseudoHuber(in.get(0), in.get(1), 0.3, "huber", 2, Reduction.NONE), true));
    l.add(new Case("pseudo_huber_loss", "smooth_l1 per-sample c", List.of(a, b, rand(r, 0.1, 1, 3)),
        in -> RobustRegressionLosses.pseudoHuber(in.get(0), in.get(1), in.get(2), "smooth_l1", 2, Reduction.MEAN), true));
    l.add(new Case("proximal_matching_loss", "gamma 1.5", List.of(a, b),
        in -> RobustRegressionLosses.proximalMatching(in.get(0), in.get(1), 1.5, Reduction.NONE), true));
    Tensor zp = randn(r, 12), zy = zp.add(randn(r, 12).mul(0.3)).add(Tensor.of(new double[] {0, 0, 7, 0, 0, 0, 0, 0, -6, 0, 0, 0}));
    l.add(new Case("z_error_loss", "two outliers", List.of(zp, zy),
        in -> RobustRegressionLosses.zError(in.get(0), in.get(1), 2, 1e-8), true));
    Tensor bags = Tensor.of(new long[] {0, 0, 1, 1, 1, 2});
    l.add(new Case("aggregate_response_loss", "rho 0.4", List.of(randn(r, 6), randn(r, 6), bags),
        in -> AggregateLosses.aggregate(in.get(0), in.get(1), in.get(2), 0.4, Reduction.NONE), true));
    l.add(new Case("regression_losses_ext", "log_cosh", List.of(a, b), in -> RegressionExtLosses.logCosh(in.get(0), in.get(1), Reduction.MEAN), true));
    l.add(new Case("regression_losses_ext", "rmse", List.of(a, b), in -> RegressionExtLosses.rmse(in.get(0), in.get(1), 1e-12), true));
    l.add(new Case("regression_losses_ext", "mape", List.of(a, b.abs().add(0.5)),
        in -> RegressionExtLosses.mape(in.get(0), in.get(1), 1e-7, Reduction.NONE), false));
    Tensor pa = rand(r, 0.2, 3, 3, 4), pb = rand(r, 0.2, 3, 3, 4);
    l.add(new Case("regression_losses_ext", "msle", List.of(pa, pb), in -> RegressionExtLosses.msle(in.get(0), in.get(1), 1e-7, Reduction.MEAN), true));
    l.add(new Case("regression_losses_ext", "rmsle", List.of(pa, pb), in -> RegressionExtLosses.rmsle(in.get(0), in.get(1), 1e-7, 1e-12), true));
    Tensor img = randn(r, 2, 4, 5);
    l.add(new Case("total_variation_loss", "anisotropic", List.of(img), in -> TotalVariation.anisotropic(in.get(0), Reduction.SUM), false));
    l.add(new Case("total_variation_loss", "isotropic beta 1", List.of(img),
        in -> TotalVariation.isotropic(in.get(0), 1, 1e-8, Reduction.MEAN), true));
    l.add(new Case("weighted_total_variation", "weights", List.of(img, rand(r, 0.1, 2, 2, 3, 4)),
        in -> TotalVariation.weighted(in.get(0), in.get(1), 1e-8, Reduction.SUM), true));
    Tensor pit = rand(r, 0.05, 0.95, 9);
    l.add(new Case("calibration_regularizer", "cdf sigmoid L2", List.of(pit),
        in -> Calibration.cdfCalibration(in.get(0), 2, Calibration.centeredLevels(20), 100), true));
    l.add(new Case("calibration_regularizer", "soft sort L2", List.of(pit),
        in -> Calibration.softQuantileCalibration(in.get(0), 2, 0.1), false));
    l.add(new Case("calibration_regularizer", "gaussian pit", List.of(randn(r, 5, 2), randn(r, 5)),
        in -> Calibration.pitNormal(in.get(0), in.get(1), 1e-6), true));
    l.add(new Case("pit_calibration_error", "sorted L2", List.of(pit),
        in -> Calibration.quantileCalibration(in.get(0), 2), false));
    l.add(new Case("lr_qr_threshold_fit", "objective", List.of(randn(r, 7), randn(r, 7).abs(), randn(r, 4), randn(r, 5),
        Tensor.of(0.8).reshape()), in -> LrQr.objective(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), 0.1, 0.5), false));
    return l;
  }

  @TestFactory
  Stream<DynamicTest> gradcheck() { return GradCheckCases.perOrder(cases()); }
}
