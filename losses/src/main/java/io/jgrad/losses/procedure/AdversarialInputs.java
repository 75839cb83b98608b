package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.losses.Reduction;
import io.jgrad.losses.attack.Attack;
import io.jgrad.losses.attack.DataRange;
import io.jgrad.losses.attack.Norm;
import io.jgrad.losses.attack.Pgd;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;

/**
 * The L-infinity PGD attacks of the adversarial procedures' reference code, on
 * {@link io.jgrad.losses.attack.Pgd}: inputs in [0, 1], a uniform random start, the model in eval
 * mode, and one of three objectives:
 * <ul>
 *   <li>{@link Objective#CE}: cross entropy against the labels (Madry et al.; AWP's {@code attack_pgd});</li>
 *   <li>{@link Objective#KL}: TRADES' {@code KL(softmax(f(x)) || softmax(f(x')))} summed over the batch
 *       (ARoW's and SRST-AWR's {@code PGD_Linf} with {@code criterion='kl'}); the labels are unused;</li>
 *   <li>{@link Objective#LOGIT_DISTANCE}: {@code sum_i ||f(x'_i) - f(x_i)||_2}, the smooth adversarial
 *       comp-sum term's inner maximization.</li>
 * </ul>
 * The clean outputs the KL and distance objectives compare with are computed once, in eval mode
 * without gradients, and passed to the attack in place of the labels.
 */
public final class AdversarialInputs implements Attack {
  /** What the attack ascends. */
  public enum Objective { CE, KL, LOGIT_DISTANCE }

  private final Objective objective;
  private final Pgd pgd;

  public AdversarialInputs(Objective objective, double epsilon, double stepSize, int steps, long seed) {
    this.objective = objective;
    Pgd.Builder b = Pgd.builder(Norm.LINF, epsilon, DataRange.of(0, 1)).stepSize(stepSize).steps(steps)
        .randomStart(new Generator(seed));
    switch (objective) {
      case KL -> b.loss((out, pNat) -> Losses.klDiv(out.logSoftmax(1), pNat, Reduction.SUM, false));
      case LOGIT_DISTANCE -> b.loss((out, clean) -> out.sub(clean).pow(2).sum(1).add(1e-20).sqrt().sum());
      default -> { }
    }
    this.pgd = b.build();
  }

  @Override
  public Tensor perturb(Module model, Tensor x, Tensor y) { return perturb(model, x, y, null); }

  /** From the start {@code delta0} (x's shape) instead of a random one; null: the random start. */
  public Tensor perturb(Module model, Tensor x, Tensor y, Tensor delta0) {
    Tensor target = y;
    if (objective != Objective.CE) {
      boolean wasTraining = model.isTraining();
      model.eval();
      try (var off = Grad.disabled()) {
        Tensor clean = model.forward(x.detach());
        target = objective == Objective.KL ? clean.softmax(1) : clean;
      } finally {
        model.train(wasTraining);
      }
    }
    return pgd.perturb(model, x, target, delta0);
  }

  @Override
  public String toString() { return "AdversarialInputs(" + objective + ", " + pgd + ")"; }
}
