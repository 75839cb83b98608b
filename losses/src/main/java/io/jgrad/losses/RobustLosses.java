package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * The loss terms of the catalog's adversarial-robustness methods, as functions of logits (the
 * adversarial examples are made by the caller). Checked against PyTorch reimplementations of the
 * reference code and the catalog's reference values (tools/golden/gen_catalog_procedures.py).
 * Shapes: logits [B, C], targets [B] int64; outputs [] unless stated.
 */
public final class RobustLosses {
  private RobustLosses() {}

  /**
   * Per-example {@code KL(p_nat || p_adv) = sum_k p_nat,k (log p_nat,k - log(p_adv,k + 1e-12))},
   * TRADES' robust term as the references write it ({@code F.kl_div((adv_probs + 1e-12).log(),
   * nat_probs, reduction='none').sum(dim=1)}). Shape: [B].
   */
  public static Tensor tradesKl(Tensor natLogits, Tensor advLogits) {
    Tensor pNat = natLogits.softmax(1);
    Tensor logAdv = advLogits.softmax(1).add(1e-12).log();
    return pNat.mul(natLogits.logSoftmax(1).sub(logAdv)).sum(1);
  }

  /**
   * ARoW's robust term, paper 17 ("Improving Adversarial Robustness by Putting More
   * Regularizations on Less Robust Samples", Dong et al. 2023), from dyoony/ARoW {@code loss.py}
   * {@code ARoW_loss}: {@code mean_i KL_i(p_nat || p_adv) * (1 - p_adv,i[y_i])}. The weight is
   * not detached (as in the reference).
   */
  public static Tensor arowRobust(Tensor natLogits, Tensor advLogits, Tensor target) {
    Tensor pyAdv = advLogits.softmax(1).gather(1, target.unsqueeze(1)).squeeze(1);
    return tradesKl(natLogits, advLogits).mul(pyAdv.neg().add(1)).mean();
  }

  /**
   * The whole ARoW loss: {@code LS-CE(z_nat, y; ls) + lambda * arowRobust}. The code's lambda is
   * twice the paper's (README: paper 3.5 is code 7). Reference values (catalog): z_nat = [2, 0.5,
   * -1], z_adv = [0.5, 1.5, -1], y = 0, ls = 0.2: sup 0.54131130, rob 0.47264609, total (7) 3.84983393.
   */
  public static Tensor arow(Tensor natLogits, Tensor advLogits, Tensor target, double ls, double lambda) {
    Tensor sup = Losses.crossEntropy(natLogits, target, null, Losses.IGNORE_INDEX, Reduction.MEAN, ls);
    return sup.add(arowRobust(natLogits, advLogits, target).mul(lambda));
  }

  /**
   * AWR's adaptively weighted robust term, paper 70 (SRST-AWR, Yang et al. 2023), from
   * dyoony/SRST_AWR {@code loss.py} {@code SRST_AWR_KD_loss}:
   * {@code mean_i w_i KL_i(p_nat || p_adv)} with
   * {@code w_i = beta <q_nat,i, p_nat,i> + (1 - beta) (1 - <q_nat,i, p_adv,i>)}, q the teacher's
   * softmax on the natural inputs (detached); the weight is differentiable through p_nat and p_adv.
   */
  public static Tensor awrRobust(Tensor natLogits, Tensor advLogits, Tensor teacherNatLogits, double beta) {
    Tensor q = teacherNatLogits.detach().softmax(1);
    Tensor w = q.mul(natLogits.softmax(1)).sum(1).mul(beta)
        .add(q.mul(advLogits.softmax(1)).sum(1).neg().add(1).mul(1 - beta));
    return tradesKl(natLogits, advLogits).mul(w).mean();
  }

  /**
   * SRST-AWR's distillation term: torch's {@code F.kl_div(log(softmax(f/tau) + 1e-12),
   * softmax(t/tau) + 1e-12, reduction='batchmean')}, i.e.
   * {@code sum_i sum_k (q_k + 1e-12)(log(q_k + 1e-12) - log(p_k + 1e-12)) / B}.
   */
  public static Tensor awrKnowledge(Tensor studentLogits, Tensor teacherLogits, double tau) {
    Tensor p = studentLogits.div(tau).softmax(1).add(1e-12);
    Tensor q = teacherLogits.detach().div(tau).softmax(1).add(1e-12);
    return q.mul(q.log().sub(p.log())).sum().div(studentLogits.size(0));
  }

  /**
   * ELLE's local-linearity error from per-example losses at x_a, x_b and x_c = (1 - a) x_a + a x_b,
   * paper 18 ("Efficient Local Linearity Regularization to Overcome Catastrophic Overfitting",
   * Abad Rocamora et al. 2024), LIONS-EPFL/ELLE {@code core/utils/train.py}:
   * {@code mean_i (l_c,i - (1 - a_i) l_a,i - a_i l_b,i)^2}. Reference value (catalog):
   * l_a = [1, 2], l_b = [3, 1], l_c = [2.5, 1], a = [0.5, 0.25] gives 0.40625. Shapes: all [B].
   */
  public static Tensor elle(Tensor lossA, Tensor lossB, Tensor lossC, Tensor alpha) {
    Tensor lin = alpha.neg().add(1).mul(lossA).add(alpha.mul(lossB));
    Tensor d = lossC.sub(lin);
    return d.mul(d).mean();
  }
}
