package io.jgrad.losses;

import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * The pinball (quantile) loss, for one or several quantile levels at once. Paper 61
 * ("Conformal Inference under High-Dimensional Covariate Shifts via Likelihood-Ratio
 * Regularization"), which builds its threshold fit on it; the values match
 * {@code sklearn.metrics.mean_pinball_loss(y, q, alpha=tau)}.
 */
public final class QuantileLosses {
  private QuantileLosses() {}

  /**
   * Pinball loss {@code ρ_τ(u) = u·(τ − 1[u < 0]) = max(τ·u, (τ − 1)·u)} with {@code u = y − q}:
   * its minimiser over q is the τ-quantile of y. Column k of {@code pred} is the prediction for
   * level {@code taus[k]}; every column is compared with the same target. Gradient with respect
   * to q: {@code −τ} for {@code u > 0}, {@code 1 − τ} for {@code u < 0}, and the subgradient
   * {@code −τ} at {@code u = 0} (the indicator form; a test pins it).
   *
   * <p>Shape: pred [N, K] and target [N] or [N, 1] (K = taus.length); with one level pred and
   * target may both be [N] (or any equal shapes). NONE gives pred's shape; MEAN averages over
   * samples and levels (sklearn's mean_pinball_loss for K = 1).
   */
  public static Tensor pinball(Tensor pred, Tensor target, double[] taus, Reduction reduction) {
    String op = "pinball_loss";
    Check.notNull(op, "pred", pred, "target", target, "taus", taus, "reduction", reduction);
    Check.floating(op, "pred", pred);
    Check.floating(op, "target", target);
    if (taus.length == 0) throw new IllegalArgumentException(op + ": taus is empty");
    for (double t : taus) {
      if (!(t > 0 && t < 1)) throw new IllegalArgumentException(op + ": tau must be in (0, 1), got " + t);
    }
    Tensor y = target;
    if (taus.length == 1 && Arrays.equals(pred.shape(), target.shape())) {
      Tensor u = y.sub(pred);
      return Check.reduce(u.mul(taus[0]).sub(u.mul(u.lt(0).to(u.dtype()))), reduction);
    }
    if (pred.dim() != 2 || pred.size(1) != taus.length) {
      throw new IllegalArgumentException(op + ": pred must be [N, " + taus.length + "] for " + taus.length
          + " quantile levels, got " + Check.shape(pred));
    }
    if (y.dim() == 1) y = y.unsqueeze(1);
    if (y.dim() != 2 || y.size(0) != pred.size(0) || y.size(1) != 1) {
      throw new IllegalArgumentException(op + ": target must be [" + pred.size(0) + "] or [" + pred.size(0)
          + ", 1] for pred " + Check.shape(pred) + ", got " + Check.shape(target));
    }
    Tensor tau = Tensor.of(taus).to(pred.dtype()).to(pred.device()).reshape(1, taus.length);
    Tensor u = y.sub(pred);
    Tensor below = u.lt(0).to(u.dtype());
    return Check.reduce(u.mul(tau.sub(below)), reduction);
  }
}
