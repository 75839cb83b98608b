package io.jgrad.losses.catalog;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.AggregateLosses;
import io.jgrad.losses.Calibration;
import io.jgrad.losses.QuantileLosses;
import io.jgrad.losses.RegressionExtLosses;
import io.jgrad.losses.RobustRegressionLosses;
import io.jgrad.losses.TotalVariation;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * The objectives and regularizers behind {@link DenseRegressionEntries}: they adapt the
 * functional losses to a model output and a {@link Batch} (targets, named fields).
 */
final class DenseRegressionObjectives {
  private DenseRegressionObjectives() {}

  /** Probabilities from logits [B, C, ...]: softmax over dim 1, sigmoid, or none. */
  static Tensor activate(String id, Tensor logits, String activation) {
    if (logits.dim() < 3) {
      throw new IllegalArgumentException(id + ": needs logits [B, C, spatial...] (a dense prediction), got "
          + java.util.Arrays.toString(logits.shape()));
    }
    return switch (activation) {
      case "softmax" -> logits.size(1) == 1 ? logits.sigmoid() : logits.softmax(1);
      case "sigmoid" -> logits.sigmoid();
      case "none" -> logits;
      default -> throw new IllegalArgumentException(id + ": activation must be softmax, sigmoid or none, got '" + activation + "'");
    };
  }

  static Tensor target(String id, Batch batch) {
    Tensor y = batch.y();
    if (y == null) throw new IllegalArgumentException(id + ": the batch has no targets");
    return y;
  }

  /** A regression target shaped like the output: [B] against [B, 1] gets a column dim. */
  static Tensor like(String id, Tensor output, Tensor y) {
    Tensor t = y.dtype().isFloatingPoint() ? y : y.to(output.dtype());
    if (output.dim() == 2 && output.size(1) == 1 && t.dim() == 1) return t.unsqueeze(1);
    if (output.dim() == 1 && t.dim() == 2 && t.size(1) == 1) return t.squeeze(1);
    return t.to(output.dtype());
  }

  static Objective regressionExt(String loss, double eps, double rootEps, Reduction reduction) {
    String id = "regression_losses_ext";
    if (!java.util.List.of("rmse", "log_cosh", "mape", "msle", "rmsle").contains(loss)) {
      throw new IllegalArgumentException(id + ": loss must be rmse, log_cosh, mape, msle or rmsle, got '" + loss + "'");
    }
    return (out, b) -> {
      Tensor y = like(id, out, target(id, b));
      return switch (loss) {
        case "rmse" -> RegressionExtLosses.rmse(out, y, rootEps);
        case "log_cosh" -> RegressionExtLosses.logCosh(out, y, reduction);
        case "mape" -> RegressionExtLosses.mape(out, y, eps, reduction);
        case "msle" -> RegressionExtLosses.msle(out, y, eps, reduction);
        default -> RegressionExtLosses.rmsle(out, y, eps, rootEps);
      };
    };
  }

  /** Pseudo-Huber with one c, or the per-sample c of the batch field "huber_c" when present. */
  static Objective pseudoHuber(double c, String lossType, double scale, Reduction reduction) {
    String id = "pseudo_huber_loss";
    RobustRegressionLosses.pseudoHuber(Tensor.zeros(1), Tensor.zeros(1), c, lossType, scale, reduction);
    return (out, b) -> {
      Tensor y = like(id, out, target(id, b));
      if (b.hasField("huber_c")) {
        return RobustRegressionLosses.pseudoHuber(out, y, b.field("huber_c").flatten(), lossType, scale, reduction);
      }
      return RobustRegressionLosses.pseudoHuber(out, y, c, lossType, scale, reduction);
    };
  }

  /**
   * Proximal matching with a fixed γ, or (numStages > 0) the paper's schedule over training
   * steps: the objective counts its calls made with gradients enabled as the step.
   */
  static Objective proximalMatching(double gamma, long numSteps, long numStepsPretrain, int numStages, Reduction reduction) {
    String id = "proximal_matching_loss";
    if (numStages > 0) RobustRegressionLosses.ProximalMatchingStage.at(0, numSteps, numStepsPretrain, numStages, gammaOr(gamma, 1));
    long[] step = {0};
    return (out, b) -> {
      Tensor y = like(id, out, target(id, b));
      double g = gammaOr(gamma, out);
      if (numStages <= 0) return RobustRegressionLosses.proximalMatching(out, y, g, reduction);
      var stage = RobustRegressionLosses.ProximalMatchingStage.at(step[0], numSteps, numStepsPretrain, numStages, g);
      if (Grad.isEnabled()) step[0]++;
      if (stage.pretrain()) return reduce(out.sub(y).abs().reshape(out.size(0), -1).mean(new int[] {1}, false), reduction);
      return RobustRegressionLosses.proximalMatching(out, y, stage.gamma(), reduction);
    };
  }

  /** γ, or (γ ≤ 0) the LPN training script's default 0.08·√(elements per sample). */
  private static double gammaOr(double gamma, Tensor out) {
    return gamma > 0 ? gamma : 0.08 * Math.sqrt((double) out.numel() / Math.max(1, out.size(0)));
  }

  private static double gammaOr(double gamma, double fallback) { return gamma > 0 ? gamma : fallback; }

  static Objective pinball(double[] taus, Reduction reduction) {
    String id = "pinball_loss";
    QuantileLosses.pinball(Tensor.zeros(1, taus.length), Tensor.zeros(1), taus, reduction);
    return (out, b) -> {
      Tensor y = target(id, b);
      Tensor t = y.dtype().isFloatingPoint() ? y : y.to(out.dtype());
      if (taus.length == 1 && out.dim() == 2 && out.size(1) == 1) return QuantileLosses.pinball(out.squeeze(1), t.flatten(), taus, reduction);
      return QuantileLosses.pinball(out, t.to(out.dtype()), taus, reduction);
    };
  }

  static Objective aggregate(double rho, String bagField, Reduction reduction) {
    String id = "aggregate_response_loss";
    return (out, b) -> {
      if (!b.hasField(bagField)) {
        throw new IllegalArgumentException(id + ": the batch has no field '" + bagField + "' with the bag ids");
      }
      Tensor y = like(id, out, target(id, b));
      return AggregateLosses.aggregate(out, y, b.field(bagField), rho, reduction);
    };
  }

  /** λ·mean over the batch of Σ_channels TV(output) for image outputs [B, (C,) H, W]. */
  static Regularizer totalVariation(double lambda, String mode, double beta, double eps, Reduction pixels) {
    String id = "total_variation_loss";
    if (!mode.equals("anisotropic") && !mode.equals("isotropic")) {
      throw new IllegalArgumentException(id + ": mode must be anisotropic or isotropic, got '" + mode + "'");
    }
    return new Regularizer() {
      @Override
      public Tensor penalty(Module model, Batch batch, Tensor output) {
        Tensor img = image(id, output);
        Tensor tv = mode.equals("anisotropic") ? TotalVariation.anisotropic(img, pixels)
            : TotalVariation.isotropic(img, beta, eps, pixels);
        return perImageMean(tv).mul(lambda);
      }
    };
  }

  /** λ·mean over the batch of the weighted TV with the weights of the batch field "tv_weights". */
  static Regularizer weightedTotalVariation(double lambda, String field, double eps, Reduction pixels) {
    String id = "weighted_total_variation";
    return new Regularizer() {
      @Override
      public Tensor penalty(Module model, Batch batch, Tensor output) {
        if (!batch.hasField(field)) {
          throw new IllegalArgumentException(id + ": the batch has no field '" + field + "' with the per-pixel weights");
        }
        Tensor img = image(id, output);
        Tensor w = batch.field(field).detach();
        if (w.dim() == img.dim() - 1 && img.dim() == 4) w = w.unsqueeze(1);
        return perImageMean(TotalVariation.weighted(img, w, eps, pixels)).mul(lambda);
      }
    };
  }

  private static Tensor image(String id, Tensor output) {
    if (output.dim() < 3) {
      throw new IllegalArgumentException(id + ": needs image outputs [B, H, W] or [B, C, H, W], got "
          + java.util.Arrays.toString(output.shape()));
    }
    return output;
  }

  /** [B] or [B, C, ...] per-image values: sum over the non-batch dims, mean over the batch. */
  private static Tensor perImageMean(Tensor tv) {
    return tv.dim() <= 1 ? tv.mean() : tv.reshape(tv.size(0), -1).sum(new int[] {1}, false).mean();
  }

  /** λ times a PIT calibration penalty of a Gaussian head [B, 2] (or PIT outputs [B]). */
  static Regularizer calibration(double lambda, String method, double l, double s, int levels, double strength,
                                 String dist) {
    String id = "calibration_regularizer";
    if (!java.util.List.of("cdf", "quantile", "soft_quantile").contains(method)) {
      throw new IllegalArgumentException(id + ": method must be cdf, quantile or soft_quantile, got '" + method + "'");
    }
    if (!dist.equals("normal") && !dist.equals("pit")) {
      throw new IllegalArgumentException(id + ": dist must be normal or pit, got '" + dist + "'");
    }
    double[] alpha = Calibration.centeredLevels(levels);
    return new Regularizer() {
      @Override
      public Tensor penalty(Module model, Batch batch, Tensor output) {
        Tensor y = target(id, batch);
        Tensor pit = dist.equals("normal") ? Calibration.pitNormal(output, y, 1e-6) : output.flatten();
        Tensor r = switch (method) {
          case "cdf" -> Calibration.cdfCalibration(pit, l, alpha, s);
          case "quantile" -> Calibration.quantileCalibration(pit, l);
          default -> Calibration.softQuantileCalibration(pit, l, strength);
        };
        return r.mul(lambda);
      }
    };
  }

  private static Tensor reduce(Tensor t, Reduction r) {
    return switch (r) {
      case NONE -> t;
      case SUM -> t.sum();
      case MEAN -> t.mean();
    };
  }
}
