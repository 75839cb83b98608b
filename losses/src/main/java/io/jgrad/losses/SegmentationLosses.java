package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Overlap losses for dense prediction (segmentation): Dice, generalized Dice and Tversky (with
 * its focal form). Paper 25 ("Loss Functions in the Era of Semantic Segmentation: A Survey and
 * Outlook"). The conventions follow MONAI's {@code monai/losses/dice.py} and
 * {@code tversky.py} (checked line by line: the golden values come from a PyTorch
 * reimplementation of them), with mmsegmentation's Tversky defaults.
 *
 * <p>Inputs: {@code probs} [B, C, spatial...] are probabilities (apply softmax over dim 1 or a
 * sigmoid first; the registry's objectives take logits and do it for you). {@code target} is
 * either class indices [B, spatial...] (int64; one-hot over the C channels, or a 0/1 mask when
 * C = 1) or a float tensor of probs' shape (one-hot or soft labels). Per sample b and class c,
 * over the spatial dims (and the batch too when {@code batch}):
 * {@code TP = Σ p·g}, {@code FP = Σ p·(1−g)}, {@code FN = Σ (1−p)·g}.
 *
 * <p>Reduction: NONE keeps [B, C] (Dice, Tversky) or [B] (generalized Dice); with
 * {@code batch = true} the batch dim is summed first, giving [C] (or [1]). MEAN and SUM reduce
 * those, as MONAI.
 */
public final class SegmentationLosses {
  private SegmentationLosses() {}

  /** Dice loss with MONAI's defaults: background included, plain denominators, smoothing 1e-5. */
  public static Tensor dice(Tensor probs, Tensor target, Reduction reduction) {
    return dice(probs, target, true, false, false, 1e-5, 1e-5, false, reduction);
  }

  /**
   * Dice loss {@code 1 − (2·TP + s_nr) / (Σp + Σg + s_dr)} per sample and class; with
   * {@code squaredPred} the denominator is {@code Σp² + Σg²}; with {@code jaccard} it is the
   * soft IoU form {@code 1 − (2·TP + s_nr) / (2·(Σp + Σg − TP) + s_dr)}. Paper 25; Milletari et
   * al. 2016 (V-Net). Defaults (MONAI {@code DiceLoss}): includeBackground true, squaredPred
   * false, jaccard false, smoothNr = smoothDr = 1e-5, batch false. An empty class predicted empty
   * scores loss 0 thanks to the smoothing. Reference value (binary, no smoothing):
   * p = [.9, .8, .2, .1], g = [1, 1, 0, 1] gives 0.28.
   *
   * <p>Shape: probs [B, C, spatial...]; target [B, spatial...] indices or probs' shape;
   * NONE gives [B, C] ([C] with batch).
   */
  public static Tensor dice(Tensor probs, Tensor target, boolean includeBackground, boolean squaredPred,
                            boolean jaccard, double smoothNr, double smoothDr, boolean batch, Reduction reduction) {
    String op = "dice_loss";
    DenseTargets.checkPredictions(op, probs);
    DenseTargets.checkSmooth(op, smoothNr, smoothDr);
    Check.notNull(op, "reduction", reduction);
    Tensor[] pg = DenseTargets.withoutBackground(probs, DenseTargets.dense(op, probs, target), includeBackground);
    Tensor p = pg[0], g = pg[1];
    int[] axes = DenseTargets.axes(p.dim(), batch);
    Tensor tp = p.mul(g).sum(axes, false);
    Tensor pSum = (squaredPred ? p.mul(p) : p).sum(axes, false);
    Tensor gSum = (squaredPred ? g.mul(g) : g).sum(axes, false);
    Tensor numer = tp.mul(2).add(smoothNr);
    Tensor denom = jaccard ? pSum.add(gSum).sub(tp).mul(2).add(smoothDr) : pSum.add(gSum).add(smoothDr);
    return Check.reduce(numer.div(denom).neg().add(1), reduction);
  }

  /** Generalized Dice loss with MONAI's defaults: square weights, smoothing 1e-5, per sample. */
  public static Tensor generalizedDice(Tensor probs, Tensor target, Reduction reduction) {
    return generalizedDice(probs, target, true, "square", 1e-5, 1e-5, false, reduction);
  }

  /**
   * Generalized Dice loss (Sudre et al. 2017), paper 25:
   * {@code GDL = 1 − (2·Σ_c w_c·TP_c + s_nr) / (Σ_c w_c·(Σp_c + Σg_c) + s_dr)} with class weights
   * from the target volume: {@code w_c = 1/(Σg_c)²} ("square", the default), {@code 1/Σg_c}
   * ("simple") or 1 ("uniform"). A class absent from the target would get an infinite weight:
   * as MONAI's {@code GeneralizedDiceLoss}, its weight is replaced by the largest finite weight of
   * the sample (of the batch when {@code batch}), and a sample with no labelled class at all
   * gets weight 0 everywhere (loss {@code 1 − s_nr/s_dr}). As in MONAI, the weights are functions
   * of the target, so a soft (differentiable) target also gets a gradient through them.
   *
   * <p>Shape: probs [B, C, spatial...]; NONE gives [B] ([1] with batch).
   */
  public static Tensor generalizedDice(Tensor probs, Tensor target, boolean includeBackground, String weightType,
                                       double smoothNr, double smoothDr, boolean batch, Reduction reduction) {
    String op = "generalized_dice_loss";
    DenseTargets.checkPredictions(op, probs);
    DenseTargets.checkSmooth(op, smoothNr, smoothDr);
    Check.notNull(op, "reduction", reduction, "w_type", weightType);
    if (!weightType.equals("square") && !weightType.equals("simple") && !weightType.equals("uniform")) {
      throw new IllegalArgumentException(op + ": w_type must be square, simple or uniform, got '" + weightType + "'");
    }
    Tensor[] pg = DenseTargets.withoutBackground(probs, DenseTargets.dense(op, probs, target), includeBackground);
    Tensor p = pg[0], g = pg[1];
    int[] axes = DenseTargets.axes(p.dim(), batch);
    Tensor tp = p.mul(g).sum(axes, false);
    Tensor denominator = p.sum(axes, false).add(g.sum(axes, false));
    Tensor w = classWeights(g.sum(axes, false), weightType, batch);
    int dim = batch ? 0 : 1;
    Tensor numer = tp.mul(w).sum(new int[] {dim}, true).mul(2).add(smoothNr);
    Tensor denom = denominator.mul(w).sum(new int[] {dim}, true).add(smoothDr);
    Tensor f = numer.div(denom).neg().add(1);
    return Check.reduce(batch ? f : f.squeeze(1), reduction);
  }

  /** w = f(volume), infinite weights (empty classes) replaced by the largest finite one. */
  private static Tensor classWeights(Tensor volume, String type, boolean batch) {
    Tensor w = switch (type) {
      case "simple" -> volume.reciprocal();
      case "square" -> volume.mul(volume).reciprocal();
      default -> Tensor.onesLike(volume);
    };
    Tensor inf = w.isinf();
    w = w.maskedFill(inf, 0);
    Tensor max = batch ? w.max() : w.max(new int[] {1}, true);
    return w.add(inf.to(w.dtype()).mul(max));
  }

  /** Tversky loss with mmsegmentation's defaults: alpha 0.3, beta 0.7, smoothing 1, no focal term. */
  public static Tensor tversky(Tensor probs, Tensor target, Reduction reduction) {
    return tversky(probs, target, 0.3, 0.7, 1, 1, true, false, 1, FocalExponent.INVERSE, reduction);
  }

  /** Whether the focal Tversky exponent is 1/γ (Abraham and Khan) or γ (segmentation_models_pytorch). */
  public enum FocalExponent {
    /** {@code (1 − T)^(1/γ)}: Abraham and Khan 2019, the paper's form (their code uses exponent 0.75 = 1/(4/3)). */
    INVERSE,
    /** {@code (1 − T)^γ}: segmentation_models_pytorch {@code TverskyLoss(gamma)} (which powers the class mean). */
    POWER
  }

  /**
   * Tversky loss {@code 1 − T}, {@code T = (TP + s_nr) / (TP + α·FP + β·FN + s_dr)} per sample
   * and class (Salehi et al. 2017), paper 25, with the focal Tversky form
   * {@code (1 − T)^e} where {@code e = 1/γ} ({@link FocalExponent#INVERSE}, Abraham and Khan 2019,
   * who use γ = 4/3) or {@code e = γ} ({@link FocalExponent#POWER}, segmentation_models_pytorch,
   * whose default γ = 1). γ = 1 is the plain Tversky loss either way; α = β = 0.5 is the Dice loss
   * with a linear denominator. α weights false positives, β false negatives. Defaults follow
   * mmsegmentation {@code tversky_loss.py} (α = 0.3, β = 0.7, smooth = 1); MONAI uses α = β = 0.5
   * and smoothing 1e-5. The exponent is applied per sample and class, before the reduction
   * (segmentation_models_pytorch applies it to the class mean instead).
   * Reference value: p = [.9, .8, .2, .1], g = [1, 1, 0, 1], α = .3, β = .7, s = 1 gives 0.24324324.
   *
   * <p>Shape: probs [B, C, spatial...]; NONE gives [B, C] ([C] with batch).
   */
  public static Tensor tversky(Tensor probs, Tensor target, double alpha, double beta, double smoothNr, double smoothDr,
                               boolean includeBackground, boolean batch, double gamma, FocalExponent exponent,
                               Reduction reduction) {
    String op = "tversky_loss";
    DenseTargets.checkPredictions(op, probs);
    DenseTargets.checkSmooth(op, smoothNr, smoothDr);
    Check.notNull(op, "reduction", reduction, "exponent", exponent);
    if (!(alpha >= 0) || !Double.isFinite(alpha)) throw new IllegalArgumentException(op + ": alpha must be >= 0, got " + alpha);
    if (!(beta >= 0) || !Double.isFinite(beta)) throw new IllegalArgumentException(op + ": beta must be >= 0, got " + beta);
    if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException(op + ": gamma must be > 0, got " + gamma);
    Tensor[] pg = DenseTargets.withoutBackground(probs, DenseTargets.dense(op, probs, target), includeBackground);
    Tensor p = pg[0], g = pg[1];
    int[] axes = DenseTargets.axes(p.dim(), batch);
    Tensor tp = p.mul(g).sum(axes, false);
    Tensor fp = p.mul(g.neg().add(1)).sum(axes, false);
    Tensor fn = p.neg().add(1).mul(g).sum(axes, false);
    Tensor t = tp.add(smoothNr).div(tp.add(fp.mul(alpha)).add(fn.mul(beta)).add(smoothDr));
    Tensor loss = t.neg().add(1);
    double e = exponent == FocalExponent.INVERSE ? 1 / gamma : gamma;
    if (e != 1) loss = loss.clampMin(0).pow(e);
    return Check.reduce(loss, reduction);
  }
}
