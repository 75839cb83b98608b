package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Losses for learning with noisy labels: the comp-sum family with its generalized cross entropy
 * and MAE members (catalog id {@code comp_sum_loss}) and the ELR regularizer of
 * {@link ElrLoss}. Logits [N, C] (dense [N, C, d1, ...] is flattened), int64 targets with
 * {@code ignore_index}; MEAN averages over the kept rows (NaN, zero gradient, when none).
 */
public final class NoisyLabelLosses {
  private NoisyLabelLosses() {}

  /**
   * Comp-sum loss, paper 23 ("Cross-Entropy Loss Functions: Theoretical Analysis and
   * Applications", Mao, Mohri and Zhong 2023): with {@code u = sum_{y' != y} exp(z_y' - z_y) = 1/p_y - 1},
   * {@code l_tau = Phi^tau(u)}, {@code Phi^1(u) = log(1 + u)} and
   * {@code Phi^tau(u) = ((1 + u)^(1 - tau) - 1) / (1 - tau)}, i.e.
   * {@code l_tau = (1 - p_y^(tau - 1)) / (tau - 1)}, tau >= 0. Members: tau = 0 the
   * sum-exponential loss u; tau = 1 cross entropy; tau in (1, 2) the generalized cross entropy of
   * Zhang and Sabuncu 2018 with q = tau - 1; tau = 2 the MAE {@code 1 - p_y}. Computed from
   * {@code log p_y} (logSoftmax) as {@code -expm1((tau - 1) log p_y) / (tau - 1)}. For tau &lt; 1 the
   * value grows like {@code exp((1 - tau)(z_max - z_y))} and overflows to +inf for very wrong
   * logits (as torch). The names follow the paper's abstract and the catalog spec, which
   * reconstructs the family from its members (CE, GCE, MAE, sum-exponential); the identities are
   * tested. Shape: logits [N, C, ...], target [N, ...] -> NONE [N, ...], else scalar.
   */
  public static Tensor compSumLoss(Tensor logits, Tensor target, double tau, int ignoreIndex, Reduction reduction) {
    String op = "comp_sum_loss";
    ClassTargets.atLeast(op, "tau", tau, 0);
    if (Double.isInfinite(tau)) throw new IllegalArgumentException(op + ": tau must be finite, got " + tau);
    ClassTargets.reduction(op, reduction);
    ClassTargets.Rows r = ClassTargets.rows(op, logits, target, ignoreIndex);
    Tensor logPy = r.pick(r.logits().logSoftmax(1));
    Tensor loss = tau == 1 ? logPy.neg() : logPy.mul(tau - 1).expm1().div(1 - tau);
    return r.reduce(loss, reduction);
  }

  /** Generalized cross entropy {@code (1 - p_y^q) / q}, q in (0, 1]: comp-sum with tau = 1 + q. */
  public static Tensor generalizedCrossEntropy(Tensor logits, Tensor target, double q, int ignoreIndex,
                                               Reduction reduction) {
    if (!(q > 0 && q <= 1)) throw new IllegalArgumentException("comp_sum_loss: GCE q must be in (0, 1], got " + q);
    return compSumLoss(logits, target, 1 + q, ignoreIndex, reduction);
  }

  /**
   * ELR's regularizer, paper 81 ("Early-Learning Regularization Prevents Memorization of Noisy
   * Labels", Liu et al. 2020), as {@code shengliu66/ELR: ELR/model/loss.py}:
   * {@code p = clamp(softmax(z), 1e-4, 1 - 1e-4)}, {@code reg = mean_i log(1 - <t_i, p_i>)} with
   * the (constant) target rows {@code t} [N, C]. Shape: logits [N, C], targets [N, C] -> scalar.
   */
  public static Tensor elrRegularizer(Tensor logits, Tensor targetRows) {
    String op = "elr_loss";
    Check.notNull(op, "logits", logits, "target rows", targetRows);
    Check.floating(op, "logits", logits);
    if (logits.dim() != 2) throw new IllegalArgumentException(op + ": logits must be [N, C], got " + Check.shape(logits));
    Check.sameShape(op, logits, "logits", targetRows, "target rows");
    Tensor p = logits.softmax(1).clamp(1e-4, 1 - 1e-4);
    return p.mul(targetRows.detach().to(p.dtype())).sum(1).neg().add(1).log().mean();
  }
}
