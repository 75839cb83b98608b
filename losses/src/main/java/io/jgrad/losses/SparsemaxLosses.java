package io.jgrad.losses;

import io.jgrad.nn.Sparsemax;
import io.jgrad.tensor.Tensor;

/**
 * The sparsemax loss, catalog id {@code sparsemax_loss}. Paper 12, "From Softmax to Sparsemax:
 * A Sparse Model of Attention and Multi-Label Classification" (Martins and Astudillo 2016), eq.
 * for {@code L_sparsemax}; checked against OpenNMT-py's {@code SparsemaxLoss}
 * ({@code onmt/modules/sparse_losses.py}) and TF Addons' {@code sparsemax_loss}.
 *
 * <p>{@code L(z; k) = -z_k + 1/2 sum_{j in S(z)} (z_j^2 - tau^2) + 1/2}, with tau and the support
 * S of {@link Sparsemax}; for a target distribution q [N, C]:
 * {@code -q.z + 1/2 sum_S (z_j^2 - tau^2) + 1/2 ||q||^2}. The gradient is
 * {@code sparsemax(z) - q} (tau is differentiated through the support sum, which gives exactly
 * that). As OpenNMT, the value is clamped at 0 (it is >= 0 up to round-off) while the gradient
 * stays {@code sparsemax(z) - q}. OpenNMT's backward ignores the incoming gradient (a bug for any
 * weighting other than a plain sum); here it is multiplied in.
 *
 * <p>Shape: logits [N, C] (dense [N, C, d1, ...] is flattened), int64 target [N, ...] with
 * {@code ignore_index}, or float q [N, C]. MEAN averages over non-ignored rows (NaN, gradient 0,
 * when all are ignored).
 */
public final class SparsemaxLosses {
  private SparsemaxLosses() {}

  /** Sparsemax loss of logits against class indices (or probabilities [N, C]). */
  public static Tensor sparsemaxLoss(Tensor logits, Tensor target, int ignoreIndex, Reduction reduction) {
    String op = "sparsemax_loss";
    ClassTargets.reduction(op, reduction);
    if (target != null && target.dtype().isFloatingPoint()) {
      Check.floating(op, "logits", logits);
      Check.sameShape(op, logits, "logits", target, "probability target");
      if (logits.dim() != 2) throw new IllegalArgumentException(op + ": probability targets need logits [N, C], got " + Check.shape(logits));
      Tensor quad = target.mul(target).sum(1).mul(0.5);
      return Check.reduce(clampAtZero(core(logits).sub(logits.mul(target).sum(1)).add(quad)), reduction);
    }
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    Tensor loss = core(r.logits()).sub(r.pick(r.logits())).add(0.5);
    return r.reduce(clampAtZero(loss), reduction);
  }

  /** MEAN, ignore_index -100. */
  public static Tensor sparsemaxLoss(Tensor logits, Tensor target) {
    return sparsemaxLoss(logits, target, Losses.IGNORE_INDEX, Reduction.MEAN);
  }

  /** 1/2 sum_S (z_j^2 - tau^2) per row of z [M, C]. */
  private static Tensor core(Tensor z) {
    Tensor s = Sparsemax.support(z, 1);
    Tensor tau = Sparsemax.threshold(z, s, 1);
    Tensor sq = Tensor.where(s, z.mul(z).sub(tau.mul(tau)), 0.0);
    return sq.sum(1).mul(0.5);
  }

  /** max(v, 0) in value, the gradient of v. */
  private static Tensor clampAtZero(Tensor v) { return v.add(v.clampMin(0).sub(v).detach()); }
}
