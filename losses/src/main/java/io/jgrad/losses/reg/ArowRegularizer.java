package io.jgrad.losses.reg;

import io.jgrad.losses.attack.Attack;
import io.jgrad.losses.RobustLosses;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * ARoW's robust regularization term as a regularizer:
 * {@code lambda * mean_i KL_i(p(x_i) || p(x_adv,i)) * (1 - p_y(x_adv,i))} (see
 * {@link RobustLosses#arowRobust}), with x_adv from the attack (the reference's: TRADES' KL
 * objective, L-infinity PGD, eps 8/255, step eps/4, 10 steps, random start, eval mode). Paper 17,
 * "Improving Adversarial Robustness by Putting More Regularizations on Less Robust Samples".
 * The paper's supervised term is label-smoothed cross entropy (smoothing 0.2): use it as the
 * objective, {@code crossEntropy(..., labelSmoothing = 0.2)}, so objective + this regularizer is
 * the whole ARoW loss ({@link RobustLosses#arow}). The forward pass on x_adv is a training pass
 * and moves BatchNorm statistics, as in the reference. Default lambda 7 (the code's convention,
 * twice the paper's 3.5, as its README recommends).
 */
public final class ArowRegularizer implements Regularizer {
  public static final String ID = "arow_loss";
  private final double lambda;
  private final Attack attack;

  public ArowRegularizer(double lambda, Attack attack) {
    this.lambda = Checks.nonNegative(ID, "lambda", lambda);
    if (attack == null) throw new IllegalArgumentException(ID + ": attack is null");
    this.attack = attack;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor xAdv = attack.perturb(model, batch.x(), batch.y());
    return RobustLosses.arowRobust(output, model.forward(xAdv), batch.y()).mul(lambda);
  }
}
