package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Losses that regularise the logits for calibration: ACLS and MaxSup (catalog ids
 * {@code acls_loss}, {@code maxsup_loss}). Label smoothing itself is
 * {@link Losses#crossEntropy(Tensor, Tensor, Tensor, int, Reduction, double)}.
 *
 * <p>Both add a logit term to the cross entropy. The cross entropy honours {@code ignore_index}
 * (MEAN over the kept samples, NaN with zero gradient when none are kept), the logit term is
 * computed over every row, as the reference code (which uses the default ignore_index of
 * {@code F.cross_entropy}). MEAN = {@code CE_mean + alpha mean_b reg_b}; SUM sums both terms;
 * NONE gives {@code CE_b [kept] + alpha reg_b} per sample, shaped like the target. Dense logits
 * [N, C, d1, ...] are flattened to rows as ACLS does.
 */
public final class CalibrationLosses {
  private CalibrationLosses() {}

  /**
   * ACLS, paper 8 ("ACLS: Adaptive and Conditional Label Smoothing for Network Calibration",
   * Park et al. 2023), as {@code cvlab-yonsei/ACLS: calibrate/losses/acls.py}:
   * {@code z_max = max_k z_k}, {@code I_k = [z_k == z_max]} on detached values (ties mark several
   * entries), {@code pos = sum_k I_k relu(z_max - M)^2} (z_max not detached; its gradient goes to
   * the first maximal class, as torch.max(dim)), {@code neg = sum_k (1 - I_k) relu(sg(z_max) - z_k - M)^2},
   * {@code reg_b = lambda1 pos_b + lambda2 neg_b / (C - 1)} (so the batch mean is the reference's
   * {@code lambda1 pos/B + lambda2 neg/(B (C - 1))}), {@code loss = CE + alpha reg}. Defaults
   * (configs/loss/acls.yaml): lambda1 = 1, lambda2 = 0.1, alpha = 0.1, margin = 10.
   * Shape: logits [N, C, ...], target [N, ...] -> NONE [N, ...], else scalar.
   */
  public static Tensor aclsLoss(Tensor logits, Tensor target, double posLambda, double negLambda, double alpha,
                                double margin, int ignoreIndex, Reduction reduction) {
    String op = "acls_loss";
    ClassTargets.finite(op, "pos_lambda", posLambda);
    ClassTargets.finite(op, "neg_lambda", negLambda);
    ClassTargets.finite(op, "alpha", alpha);
    ClassTargets.finite(op, "margin", margin);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    if (r.classes() < 2) throw new IllegalArgumentException(op + ": needs at least 2 classes, got " + r.classes());
    Tensor reg = aclsRegularizer(r.logits(), posLambda, negLambda, margin);
    return combine(r, reg, alpha, reduction);
  }

  /** ACLS's per-row regularizer {@code lambda1 pos_b + lambda2 neg_b / (C - 1)} of logits [M, C]: [M]. */
  public static Tensor aclsRegularizer(Tensor z, double posLambda, double negLambda, double margin) {
    int c = z.size(1);
    Tensor zmax = z.maxWithIndices(1, true).values();
    Tensor zd = z.detach();
    Tensor zmaxD = zmax.detach();
    Tensor indicator = zd.eq(zmaxD).to(z.dtype());
    Tensor pos = indicator.mul(zmax.sub(margin).relu().pow(2)).sum(1);
    Tensor neg = indicator.neg().add(1).mul(zmaxD.sub(z).sub(margin).relu().pow(2)).sum(1);
    return pos.mul(posLambda).add(neg.mul(negLambda / (c - 1.0)));
  }

  /**
   * MaxSup, paper 58 ("MaxSup: Overcoming Representation Collapse in Label Smoothing", Zhou et al.
   * 2025), as {@code Maximum-Suppression-Regularization: Conv/ffcv/losses.py} ({@code MaxSuppression}):
   * {@code L = CE + alpha (max_k z_k - mean_k z_k)}; the max's gradient goes to the first maximal
   * class (torch.max(dim)). Label smoothing is {@code CE + eps (z_y - mean_k z_k)} up to a constant
   * in eps: MaxSup replaces z_y by z_max, so the two agree when the prediction is correct. The
   * paper's schedule of alpha is {@link MaxSupLoss}. Shape: as {@link #aclsLoss}.
   */
  public static Tensor maxSupLoss(Tensor logits, Tensor target, double alpha, int ignoreIndex, Reduction reduction) {
    String op = "maxsup_loss";
    ClassTargets.finite(op, "alpha", alpha);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    Tensor z = r.logits();
    Tensor aux = z.maxWithIndices(1, false).values().sub(z.mean(1));
    return combine(r, aux, alpha, reduction);
  }

  /** CE over the kept rows plus alpha * term over every row, reduced as the class comment says. */
  private static Tensor combine(ClassTargets.Rows r, Tensor term, double alpha, Reduction reduction) {
    Tensor ce = r.pick(r.logits().logSoftmax(1)).neg();
    return switch (reduction) {
      case NONE -> ce.mul(r.keep()).add(term.mul(alpha)).reshape(r.targetShape());
      case SUM -> r.reduce(ce, Reduction.SUM).add(term.sum().mul(alpha));
      case MEAN -> r.reduce(ce, Reduction.MEAN).add(term.mean().mul(alpha));
    };
  }
}
