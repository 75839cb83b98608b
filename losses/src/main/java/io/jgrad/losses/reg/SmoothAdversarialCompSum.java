package io.jgrad.losses.reg;

import io.jgrad.losses.attack.Attack;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * The smooth term of paper 23's smooth adversarial comp-sum losses ("Cross-Entropy Loss
 * Functions: Theoretical Analysis and Applications", Mao, Mohri and Zhong 2023):
 * {@code nu * mean_i sup_{||x' - x_i|| <= gamma} ||z(x') - z(x_i)||_2}, the sup approximated by
 * the attack (PGD on the logit distance, {@link io.jgrad.losses.procedure.AdversarialInputs}
 * objective LOGIT_DISTANCE). Added to a comp-sum objective ({@code comp_sum_loss}) it gives the regularized
 * adversarial comp-sum loss the paper's robustness algorithm minimizes.
 *
 * <p>Status: the form of the smooth term is the catalog's transcription, which could not be
 * confirmed against the paper (its text was not found): whether it compares raw logits (this
 * implementation) or score differences {@code z_y - z_y'}, and the norm, are unverified. The
 * registry marks the component partial for that reason. Defaults: nu 1, gamma (the attack's
 * radius) 8/255.
 */
public final class SmoothAdversarialCompSum implements Regularizer {
  public static final String ID = "smooth_adv_comp_sum_loss";
  private final double nu;
  private final Attack attack;

  public SmoothAdversarialCompSum(double nu, Attack attack) {
    this.nu = Checks.nonNegative(ID, "nu", nu);
    if (attack == null) throw new IllegalArgumentException(ID + ": attack is null");
    this.attack = attack;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor xAdv = attack.perturb(model, batch.x(), batch.y());
    return term(output, model.forward(xAdv)).mul(nu);
  }

  /** mean_i ||z(x'_i) - z(x_i)||_2 (1e-20 inside the root keeps the gradient finite at 0). */
  public static Tensor term(Tensor natLogits, Tensor advLogits) {
    return advLogits.sub(natLogits).pow(2).sum(1).add(1e-20).sqrt().mean();
  }
}
