package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Focal and PolyLoss families (catalog ids {@code focal_loss}, {@code poly1_loss},
 * {@code poly1_focal_loss}). Paper 32, "PolyLoss: A Polynomial Expansion Perspective of
 * Classification Loss Functions" (Leng et al. 2022), whose appendix gives the Poly-1 forms; the
 * focal loss is Lin et al. 2017. Softmax forms take logits [N, C] (or [N, C, d1, ...]) and int64
 * class targets with PyTorch's {@code ignore_index}; MEAN averages over the non-ignored samples
 * (NaN with zero gradient when all are ignored). Sigmoid forms follow
 * {@code torchvision.ops.sigmoid_focal_loss}: any shape, float 0/1 targets of the same shape.
 *
 * <p>Convention at {@code p_t = 1}: the modulating factor {@code (1 - p_t)^gamma} is 0 there and,
 * for 0 &lt; gamma &lt; 1, its derivative is infinite, so the gradient is NaN exactly as in torch;
 * gamma = 0 drops the factor (cross entropy), gamma >= 1 is finite everywhere.
 */
public final class FocalLosses {
  private FocalLosses() {}

  /**
   * Softmax focal loss {@code FL = -alpha_t (1 - p_t)^gamma log p_t}, p = softmax(logits, 1).
   * {@code alpha} [C] per-class weights or null (none); gamma = 0 is cross entropy.
   * Shape: logits [N, C, ...], target [N, ...] -> NONE [N, ...], else scalar.
   */
  public static Tensor focalLoss(Tensor logits, Tensor target, double gamma, Tensor alpha, int ignoreIndex,
                                 Reduction reduction) {
    String op = "focal_loss";
    ClassTargets.atLeast(op, "gamma", gamma, 0);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    Tensor logPt = r.pick(r.logits().logSoftmax(1));
    Tensor loss = modulate(logPt, gamma).mul(logPt).neg();
    return r.reduce(alphaT(op, r, alpha, loss), reduction);
  }

  /** {@link #focalLoss} with no class weights, no ignored class and MEAN. */
  public static Tensor focalLoss(Tensor logits, Tensor target, double gamma) {
    return focalLoss(logits, target, gamma, null, Losses.IGNORE_INDEX, Reduction.MEAN);
  }

  /**
   * torchvision's {@code sigmoid_focal_loss}: {@code p = sigmoid(x)},
   * {@code p_t = p t + (1 - p)(1 - t)}, {@code loss = BCEWithLogits(x, t) (1 - p_t)^gamma}, times
   * {@code alpha_t = alpha t + (1 - alpha)(1 - t)} when {@code alpha >= 0} (a negative alpha
   * disables it). torchvision's defaults: alpha 0.25, gamma 2, reduction NONE.
   * Shape: inputs any, targets same shape -> NONE same shape, else scalar.
   */
  public static Tensor sigmoidFocalLoss(Tensor inputs, Tensor targets, double alpha, double gamma, Reduction reduction) {
    String op = "focal_loss";
    Tensor[] pt = sigmoidPt(op, inputs, targets, alpha, gamma, reduction);
    Tensor ce = Losses.binaryCrossEntropyWithLogits(inputs, targets, null, null, Reduction.NONE);
    Tensor loss = ce.mul(modulate1m(pt[0], gamma));
    if (alpha >= 0) loss = loss.mul(pt[1]);
    return Check.reduce(loss, reduction);
  }

  /**
   * Poly-1 cross entropy {@code CE(z, q) + epsilon (1 - p_t)}, {@code p_t = sum_k q_k softmax(z)_k},
   * where q is the one-hot target, label-smoothed as torch ({@code (1 - ls) onehot + ls / C}) in
   * both terms, as the paper's code. {@code target} may also be float probabilities [N, C] (then
   * ignore_index is unused). epsilon >= -1; epsilon = 0 is cross entropy; the paper's code suggests
   * epsilon = 1 to start. Shape: logits [N, C, ...], target [N, ...] -> NONE [N, ...], else scalar.
   */
  public static Tensor poly1Loss(Tensor logits, Tensor target, double epsilon, double labelSmoothing, int ignoreIndex,
                                 Reduction reduction) {
    String op = "poly1_loss";
    ClassTargets.atLeast(op, "epsilon", epsilon, -1);
    ClassTargets.inRange(op, "label_smoothing", labelSmoothing, 0, 1);
    ClassTargets.reduction(op, reduction);
    if (target != null && target.dtype().isFloatingPoint()) return poly1Soft(op, logits, target, epsilon, labelSmoothing, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    int c = r.classes();
    Tensor q = r.oneHot();
    if (labelSmoothing > 0) q = q.mul(1 - labelSmoothing).add(labelSmoothing / c);
    Tensor logp = r.logits().logSoftmax(1);
    Tensor ce = logp.mul(q).sum(1).neg();
    Tensor pt = logp.exp().mul(q).sum(1);
    return r.reduce(ce.add(pt.neg().add(1).mul(epsilon)), reduction);
  }

  private static Tensor poly1Soft(String op, Tensor logits, Tensor target, double epsilon, double ls, Reduction reduction) {
    Check.floating(op, "logits", logits);
    Check.sameShape(op, logits, "logits", target, "probability target");
    if (logits.dim() != 2) throw new IllegalArgumentException(op + ": probability targets need logits [N, C], got " + Check.shape(logits));
    int c = logits.size(1);
    Tensor q = ls > 0 ? target.mul(1 - ls).add(ls / c) : target;
    Tensor logp = logits.logSoftmax(1);
    Tensor loss = logp.mul(q).sum(1).neg().add(logp.exp().mul(q).sum(1).neg().add(1).mul(epsilon));
    return Check.reduce(loss, reduction);
  }

  /**
   * Poly-1 focal loss, softmax form: {@code FL_gamma + epsilon (1 - p_t)^(gamma + 1)}, with
   * {@code alpha} [C] (or null) weighting the focal term only.
   * Shape: logits [N, C, ...], target [N, ...] -> NONE [N, ...], else scalar.
   */
  public static Tensor poly1FocalLoss(Tensor logits, Tensor target, double epsilon, double gamma, Tensor alpha,
                                      int ignoreIndex, Reduction reduction) {
    String op = "poly1_focal_loss";
    ClassTargets.atLeast(op, "epsilon", epsilon, -1);
    ClassTargets.atLeast(op, "gamma", gamma, 0);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    Tensor logPt = r.pick(r.logits().logSoftmax(1));
    Tensor fl = alphaT(op, r, alpha, modulate(logPt, gamma).mul(logPt).neg());
    Tensor poly = logPt.exp().neg().add(1).pow(gamma + 1).mul(epsilon);
    return r.reduce(fl.add(poly), reduction);
  }

  /**
   * Poly-1 focal loss, sigmoid form (the paper's detection form):
   * {@code alpha_t (1 - p_t)^gamma BCE + epsilon (1 - p_t)^(gamma + 1)}, alpha as
   * {@link #sigmoidFocalLoss}. Shape: inputs any, targets same shape.
   */
  public static Tensor sigmoidPoly1FocalLoss(Tensor inputs, Tensor targets, double epsilon, double alpha, double gamma,
                                             Reduction reduction) {
    String op = "poly1_focal_loss";
    ClassTargets.atLeast(op, "epsilon", epsilon, -1);
    Tensor[] pt = sigmoidPt(op, inputs, targets, alpha, gamma, reduction);
    Tensor ce = Losses.binaryCrossEntropyWithLogits(inputs, targets, null, null, Reduction.NONE);
    Tensor fl = ce.mul(modulate1m(pt[0], gamma));
    if (alpha >= 0) fl = fl.mul(pt[1]);
    Tensor poly = pt[0].neg().add(1).pow(gamma + 1).mul(epsilon);
    return Check.reduce(fl.add(poly), reduction);
  }

  /** {p_t, alpha_t} of the sigmoid forms, after the argument checks. */
  private static Tensor[] sigmoidPt(String op, Tensor inputs, Tensor targets, double alpha, double gamma,
                                    Reduction reduction) {
    Check.notNull(op, "inputs", inputs, "targets", targets);
    Check.floating(op, "inputs", inputs);
    Check.floating(op, "targets", targets);
    Check.sameShape(op, inputs, "inputs", targets, "targets");
    ClassTargets.atLeast(op, "gamma", gamma, 0);
    if (!(alpha <= 1) || Double.isNaN(alpha)) throw new IllegalArgumentException(op + ": alpha must be <= 1 (negative disables it), got " + alpha);
    ClassTargets.reduction(op, reduction);
    Tensor p = inputs.sigmoid();
    Tensor pt = p.mul(targets).add(p.neg().add(1).mul(targets.neg().add(1)));
    Tensor alphaT = targets.mul(alpha).add(targets.neg().add(1).mul(1 - alpha));
    return new Tensor[] {pt, alphaT};
  }

  /** (1 - exp(logPt))^gamma; 1 when gamma = 0 (no factor, so no 0^-1 in the gradient). */
  private static Tensor modulate(Tensor logPt, double gamma) {
    return gamma == 0 ? Tensor.onesLike(logPt) : logPt.exp().neg().add(1).pow(gamma);
  }

  private static Tensor modulate1m(Tensor pt, double gamma) {
    return gamma == 0 ? Tensor.onesLike(pt) : pt.neg().add(1).pow(gamma);
  }

  /** loss * alpha[target] when alpha [C] is given. */
  private static Tensor alphaT(String op, ClassTargets.Rows r, Tensor alpha, Tensor loss) {
    if (alpha == null) return loss;
    if (alpha.dim() != 1 || alpha.size(0) != r.classes()) {
      throw new IllegalArgumentException(op + ": alpha " + Check.shape(alpha) + " must have shape [" + r.classes() + "]");
    }
    return loss.mul(alpha.to(loss.dtype()).to(loss.device()).indexSelect(0, r.safe()));
  }
}
