package io.jgrad.losses.catalog;

import static io.jgrad.losses.catalog.DenseRegressionObjectives.activate;
import static io.jgrad.losses.catalog.DenseRegressionObjectives.target;
import static io.jgrad.losses.catalog.ParamSpec.of;

import io.jgrad.losses.LovaszLosses;
import io.jgrad.losses.LrQr;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.SegmentationLosses;
import io.jgrad.losses.metrics.PitCalibrationError;
import io.jgrad.losses.metrics.RegressionErrorMetrics;
import io.jgrad.nn.data.Cutout;
import io.jgrad.nn.train.Objective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Registry rows of the dense-prediction and regression family: segmentation overlap losses
 * (paper 25), regression losses (papers 34, 51, 61, 85, 100, 106), total variation (papers 1,
 * 38), calibration of regressors (paper 77), the LR-QR threshold fit (paper 61), regression
 * metrics (paper 51) and Cutout (paper 28). Segmentation objectives take logits [B, C, ...] and
 * targets from {@code batch.y()} (class indices [B, ...] or a dense float tensor); regression
 * objectives take outputs [B] or [B, k] and float targets.
 */
public final class DenseRegressionEntries implements CatalogEntries {
  private static ParamSpec activation() {
    return of("activation", "softmax", "softmax (sigmoid when C = 1) | sigmoid | none: applied to the logits");
  }

  private static ParamSpec smoothNr(double d) { return of("smooth_nr", d, "added to the numerator"); }

  private static ParamSpec smoothDr(double d) { return of("smooth_dr", d, "added to the denominator"); }

  private static ParamSpec background() { return of("include_background", true, "keep channel 0 (false drops it when C > 1)"); }

  private static ParamSpec batchSum() { return of("batch", false, "sum TP/FP/FN over the batch before dividing"); }

  @Override
  public List<Component> entries() {
    String seg = "io.jgrad.losses.SegmentationLosses#";
    return List.of(
        Component.done("dice_loss", Kind.LOSS, 25, seg + "dice",
            List.of(background(), of("squared_pred", false, "squared denominators Σp² + Σg²"),
                of("jaccard", false, "soft Jaccard (IoU) form"), smoothNr(1e-5), smoothDr(1e-5), batchSum(), activation(),
                ParamSpec.reduction(Reduction.MEAN)),
            p -> (Objective) (out, b) -> SegmentationLosses.dice(activate(p.id(), out, p.s("activation")), target(p.id(), b),
                p.b("include_background"), p.b("squared_pred"), p.b("jaccard"), p.d("smooth_nr"), p.d("smooth_dr"),
                p.b("batch"), p.reduction())),
        Component.done("generalized_dice_loss", Kind.LOSS, 25, seg + "generalizedDice",
            List.of(background(), of("w_type", "square", "class weights 1/(Σg)² square | 1/Σg simple | uniform"),
                smoothNr(1e-5), smoothDr(1e-5), batchSum(), activation(), ParamSpec.reduction(Reduction.MEAN)),
            p -> (Objective) (out, b) -> SegmentationLosses.generalizedDice(activate(p.id(), out, p.s("activation")),
                target(p.id(), b), p.b("include_background"), p.s("w_type"), p.d("smooth_nr"), p.d("smooth_dr"),
                p.b("batch"), p.reduction())),
        Component.done("tversky_loss", Kind.LOSS, 25, seg + "tversky",
            List.of(of("alpha", 0.3, "weight of false positives"), of("beta", 0.7, "weight of false negatives"),
                smoothNr(1.0), smoothDr(1.0), background(), batchSum(),
                of("gamma", 1.0, "focal Tversky γ (1: plain Tversky)"),
                of("focal_exponent", "inverse", "inverse: (1−T)^(1/γ) (Abraham and Khan) | power: (1−T)^γ (smp)"),
                activation(), ParamSpec.reduction(Reduction.MEAN)),
            p -> {
              SegmentationLosses.FocalExponent e = focalExponent(p.s("focal_exponent"));
              return (Objective) (out, b) -> SegmentationLosses.tversky(activate(p.id(), out, p.s("activation")),
                  target(p.id(), b), p.d("alpha"), p.d("beta"), p.d("smooth_nr"), p.d("smooth_dr"),
                  p.b("include_background"), p.b("batch"), p.d("gamma"), e, p.reduction());
            }),
        Component.done("lovasz_softmax_loss", Kind.LOSS, 25, "io.jgrad.losses.LovaszLosses#lovaszSoftmax",
            List.of(of("mode", "softmax", "softmax: Lovász-Softmax over C channels | hinge: binary Lovász hinge on [B, ...] logits"),
                of("classes", "present", "present | all | a list such as 0;2"),
                of("per_image", false, "loss per image, averaged (the reference's hinge defaults to true)"),
                of("ignore_index", -100, "label dropped from the loss")),
            DenseRegressionEntries::lovasz),
        DenseRegressionRows.pinball(), DenseRegressionRows.pseudoHuber(), DenseRegressionRows.proximalMatching(),
        DenseRegressionRows.zError(), DenseRegressionRows.aggregate(), DenseRegressionRows.regressionExt(),
        DenseRegressionRows.totalVariation(), DenseRegressionRows.weightedTotalVariation(), DenseRegressionRows.calibration(),
        Component.done("lr_qr_threshold_fit", Kind.TOOL, 61, "io.jgrad.losses.LrQr#fit",
            List.of(of("alpha", 0.1, "miscoverage: the threshold targets 1 − alpha coverage"),
                of("lambda", 1.0, "regularization strength (the paper: of order √((n2 + n3)/n1))"),
                of("fit_intercept", true, "append a constant feature"), of("steps", 2000, "full-batch Adam steps"),
                of("lr", 0.05, "initial Adam step (decays linearly)")),
            p -> new LrQr.Fitter(p.d("alpha"), p.d("lambda"), p.b("fit_intercept"), p.i("steps"), p.d("lr"))),
        Component.done("pit_calibration_error", Kind.METRIC, 77, "io.jgrad.losses.metrics.PitCalibrationError",
            List.of(of("dist", "normal", "normal: [N, 2] Gaussian head | pit: PIT outputs | quantiles: [N, K] quantile head"),
                of("levels", 100, "J levels of the CDF-based error"),
                of("taus", new double[] {0.1, 0.5, 0.9}, "quantile levels of a quantile head")),
            p -> new PitCalibrationError(p.s("dist"), p.i("levels"), p.ds("taus"))),
        Component.done("regression_error_metrics", Kind.METRIC, 51, "io.jgrad.losses.metrics.RegressionErrorMetrics",
            List.of(of("nrmse_normaliser", "std", "std | mean | range | pred_std"), of("rrmse", "pred", "pred: √(Σr²/Σŷ²) | mean: rmse/ȳ"),
                of("column", 0, "output column scored when the model has k > 1 outputs")),
            p -> new RegressionErrorMetrics(p.s("nrmse_normaliser"), p.s("rrmse"), p.i("column")))
            .noGradCheck("a metric of detached predictions, accumulated on the host"),
        Component.done("cutout", Kind.TRANSFORM, 28, "io.jgrad.nn.data.Cutout",
            List.of(of("n_holes", 1, "patches per image"), of("length", 16, "side of each square patch"),
                of("extent", "half", "half: ±L//2 (the reference) | full: ±L (its first commit)"),
                of("seed", 0L, "seed of the centres' stream")),
            p -> new Cutout(p.i("n_holes"), p.i("length"), p.s("extent"), new Generator(p.l("seed"))))
            .noGradCheck("a data transform (a 0/1 mask times the input), applied outside the graph"));
  }

  static SegmentationLosses.FocalExponent focalExponent(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "inverse" -> SegmentationLosses.FocalExponent.INVERSE;
      case "power" -> SegmentationLosses.FocalExponent.POWER;
      default -> throw new IllegalArgumentException("tversky_loss: focal_exponent must be inverse or power, got '" + s + "'");
    };
  }

  private static Object lovasz(Params p) {
    String mode = p.s("mode");
    if (!mode.equals("softmax") && !mode.equals("hinge")) {
      throw new IllegalArgumentException("lovasz_softmax_loss: mode must be softmax or hinge, got '" + mode + "'");
    }
    Integer ignore = p.i("ignore_index");
    boolean perImage = p.b("per_image");
    String classes = p.s("classes");
    if (mode.equals("hinge")) {
      return (Objective) (out, b) -> {
        Tensor logits = out.dim() >= 2 && out.size(1) == 1 && out.dim() == target(p.id(), b).dim() + 1 ? out.squeeze(1) : out;
        return LovaszLosses.lovaszHinge(logits, target(p.id(), b), perImage, ignore);
      };
    }
    return (Objective) (out, b) -> LovaszLosses.lovaszSoftmax(activate(p.id(), out, "softmax"), target(p.id(), b), classes,
        perImage, ignore);
  }
}
