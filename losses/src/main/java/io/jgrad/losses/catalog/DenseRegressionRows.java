package io.jgrad.losses.catalog;

import static io.jgrad.losses.catalog.DenseRegressionObjectives.like;
import static io.jgrad.losses.catalog.DenseRegressionObjectives.target;
import static io.jgrad.losses.catalog.ParamSpec.of;

import io.jgrad.losses.Reduction;
import io.jgrad.losses.RobustRegressionLosses;
import io.jgrad.nn.train.Objective;
import java.util.List;

/** The regression, total-variation and calibration rows of {@link DenseRegressionEntries}. */
final class DenseRegressionRows {
  private DenseRegressionRows() {}

  static Component pinball() {
    return Component.done("pinball_loss", Kind.LOSS, 61, "io.jgrad.losses.QuantileLosses#pinball",
        List.of(of("taus", new double[] {0.5}, "quantile levels, one output column each (e.g. 0.1;0.5;0.9)"),
            ParamSpec.reduction(Reduction.MEAN)),
        p -> DenseRegressionObjectives.pinball(p.ds("taus"), p.reduction()));
  }

  static Component pseudoHuber() {
    return Component.done("pseudo_huber_loss", Kind.LOSS, 85, "io.jgrad.losses.RobustRegressionLosses#pseudoHuber",
        List.of(of("c", 0.1, "pseudo-Huber c (a batch field huber_c [B] overrides it per sample)"),
            of("loss_type", "huber", "huber: scale·c·(√(d²+c²)−c) | smooth_l1: scale·(√(d²+c²)−c)"),
            of("scale", 2.0, "2: diffusers' conditional_loss | 1: the textbook δ²(√(1+(d/δ)²)−1)"),
            ParamSpec.reduction(Reduction.MEAN)),
        p -> DenseRegressionObjectives.pseudoHuber(p.d("c"), p.s("loss_type"), p.d("scale"), p.reduction()));
  }

  static Component proximalMatching() {
    return Component.done("proximal_matching_loss", Kind.LOSS, 100, "io.jgrad.losses.RobustRegressionLosses#proximalMatching",
        List.of(of("gamma", 0.0, "γ (0: 0.08·√(elements per sample), the LPN script's default; the smallest γ with a schedule)"),
            of("num_stages", 0, "0: fixed γ | n: γ halves over n stages (γ_min·2^(n−1−stage))"),
            of("num_steps", 0L, "training steps the schedule spans"),
            of("num_steps_pretrain", 0L, "leading steps trained with L1"),
            ParamSpec.reduction(Reduction.MEAN)),
        p -> DenseRegressionObjectives.proximalMatching(p.d("gamma"), p.l("num_steps"), p.l("num_steps_pretrain"),
            p.i("num_stages"), p.reduction()));
  }

  static Component zError() {
    return Component.done("z_error_loss", Kind.LOSS, 106, "io.jgrad.losses.RobustRegressionLosses#zError",
        List.of(of("tau", 2.0, "z-score threshold of the inlier mask"), of("eps", 1e-8, "added to the batch std")),
        p -> {
          double tau = p.d("tau"), eps = p.d("eps");
          RobustRegressionLosses.zErrorMask(io.jgrad.tensor.Tensor.zeros(2), tau, eps);
          return (Objective) (out, b) -> RobustRegressionLosses.zError(out, like(p.id(), out, target(p.id(), b)), tau, eps);
        });
  }

  static Component aggregate() {
    return Component.done("aggregate_response_loss", Kind.LOSS, 34, "io.jgrad.losses.AggregateLosses#aggregate",
        List.of(of("rho", 0.0, "0: bag-level loss | 1: instance-level loss | between: interpolation"),
            of("bag_field", "bag", "batch field with the bag ids"), ParamSpec.reduction(Reduction.MEAN)),
        p -> DenseRegressionObjectives.aggregate(p.d("rho"), p.s("bag_field"), p.reduction()));
  }

  static Component regressionExt() {
    return Component.done("regression_losses_ext", Kind.LOSS, 51, "io.jgrad.losses.RegressionExtLosses",
        List.of(of("loss", "log_cosh", "rmse | log_cosh | mape | msle | rmsle"),
            of("eps", 1e-7, "Keras clamp of MAPE's |y| and MSLE's arguments"),
            of("root_eps", 1e-12, "added under the root of RMSE and RMSLE"), ParamSpec.reduction(Reduction.MEAN)),
        p -> DenseRegressionObjectives.regressionExt(p.s("loss"), p.d("eps"), p.d("root_eps"), p.reduction()));
  }

  static Component totalVariation() {
    return Component.done("total_variation_loss", Kind.REGULARIZER, 1, "io.jgrad.losses.TotalVariation",
        List.of(of("lambda", 1.0, "weight of the penalty"),
            of("mode", "anisotropic", "anisotropic: Σ|Δx|+Σ|Δy| (kornia) | isotropic: Σ(Δx²+Δy²+ε)^(β/2) (DTN)"),
            of("beta", 1.0, "isotropic exponent β"), of("eps", 1e-8, "isotropic ε"),
            of("pixel_reduction", "sum", "sum | mean over the pixels of each image")),
        p -> DenseRegressionObjectives.totalVariation(p.d("lambda"), p.s("mode"), p.d("beta"), p.d("eps"),
            pixels(p.id(), p.s("pixel_reduction"))));
  }

  static Component weightedTotalVariation() {
    return new Component("weighted_total_variation", Kind.REGULARIZER, 38, "io.jgrad.losses.TotalVariation#weighted",
        List.of(of("lambda", 1.0, "weight of the penalty"), of("weights_field", "tv_weights", "batch field with w [B, H−1, W−1]"),
            of("eps", 1e-8, "added under the root"), of("pixel_reduction", "sum", "sum | mean over the pixels")),
        Status.PARTIAL, "Σ w·√(Δx²+Δy²+ε) with user-supplied weights; paper 38's construction of w from a learned gradient "
            + "estimate was not available to read, so it is not provided; no demonstration",
        p -> DenseRegressionObjectives.weightedTotalVariation(p.d("lambda"), p.s("weights_field"), p.d("eps"),
            pixels(p.id(), p.s("pixel_reduction"))));
  }

  static Component calibration() {
    return Component.done("calibration_regularizer", Kind.REGULARIZER, 77, "io.jgrad.losses.Calibration",
        List.of(of("lambda", 1.0, "weight of the penalty"),
            of("method", "cdf", "cdf: DistCDF_Regul | quantile: DistQuantileRegul (hard sort) | soft_quantile: soft sort"),
            of("L", 2.0, "exponent of the deviations"), of("s", 100.0, "sigmoid sharpness of the cdf method"),
            of("levels", 100, "J levels of the cdf method"), of("soft_strength", 0.1, "soft-sort regularization strength"),
            of("dist", "normal", "normal: [B, 2] Gaussian head (mean, softplus scale) | pit: the output is the PIT")),
        p -> DenseRegressionObjectives.calibration(p.d("lambda"), p.s("method"), p.d("L"), p.d("s"), p.i("levels"),
            p.d("soft_strength"), p.s("dist")));
  }

  private static Reduction pixels(String id, String s) {
    return switch (s) {
      case "sum" -> Reduction.SUM;
      case "mean" -> Reduction.MEAN;
      default -> throw new IllegalArgumentException(id + ": pixel_reduction must be sum or mean, got '" + s + "'");
    };
  }
}
