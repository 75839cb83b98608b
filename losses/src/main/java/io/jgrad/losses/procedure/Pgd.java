package io.jgrad.losses.procedure;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Projected gradient ascent on the inputs in an L-infinity ball (Madry et al. 2018), the attack
 * the adversarial procedures' reference code runs (AWP's {@code attack_pgd}, ARoW's and SRST-AWR's
 * {@code PGD_Linf}):
 * <pre>
 *   x' = x (+ U(-eps, eps) when randomStart), clamped to [lo, hi]
 *   repeat steps: x' = clamp( min(max(x' + step * sign(grad_x' objective), x - eps), x + eps), lo, hi )
 * </pre>
 * The objective is cross entropy against the labels ("ce") or TRADES' KL divergence
 * {@code KL(softmax(f(x)) || softmax(f(x')))} summed over the batch ("kl"), or the logit distance
 * {@code sum_i ||f(x'_i) - f(x_i)||_2} ("logit_l2", the smooth adversarial comp-sum term). The model runs in
 * eval mode (the references' {@code bn_mode='eval'}) and is put back in its mode after. One
 * step, no random start, step = eps is FGSM.
 */
public final class Pgd implements InputAttack {
  private final double epsilon, stepSize, lo, hi;
  private final int steps;
  private final boolean randomStart;
  private final String objective;
  private final Generator generator;

  /**
   * @param objective "ce", "kl" or "logit_l2"
   * @param lo        lowest valid input value (-inf: no clamp); {@code hi} the highest
   */
  public Pgd(double epsilon, double stepSize, int steps, boolean randomStart, String objective, double lo, double hi,
             long seed) {
    if (!(epsilon >= 0) || !(stepSize >= 0) || steps < 0) {
      throw new IllegalArgumentException("pgd: need epsilon >= 0, step_size >= 0, steps >= 0; got " + epsilon + ", "
          + stepSize + ", " + steps);
    }
    if (!java.util.List.of("ce", "kl", "logit_l2").contains(objective)) {
      throw new IllegalArgumentException("pgd: objective must be ce, kl or logit_l2, got '" + objective + "'");
    }
    this.epsilon = epsilon;
    this.stepSize = stepSize;
    this.steps = steps;
    this.randomStart = randomStart;
    this.objective = objective;
    this.lo = lo;
    this.hi = hi;
    this.generator = new Generator(seed);
  }

  /** FGSM: one step of size epsilon from x, cross entropy, no clamp to a range. */
  public static Pgd fgsm(double epsilon) {
    return new Pgd(epsilon, epsilon, 1, false, "ce", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
  }

  @Override
  public Tensor perturb(Module model, Tensor x, Tensor y) {
    Tensor start = x.detach();
    if (randomStart) start = start.add(Tensor.rand(generator, x.dtype(), x.shape()).to(x.device()).mul(2 * epsilon).sub(epsilon));
    return perturbFrom(model, x, y, start);
  }

  /** The attack from the starting point {@code start} (clamped to the range; no random start is drawn). */
  public Tensor perturbFrom(Module model, Tensor x, Tensor y, Tensor start) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var on = Grad.enabled()) {
      Tensor x0 = x.detach();
      Tensor clean = null;
      if (!objective.equals("ce")) {
        try (var off = Grad.disabled()) {
          clean = model.forward(x0);
        }
      }
      Tensor xa = clamp(start.detach());
      for (int s = 0; s < steps; s++) {
        Tensor xi = xa.detach().requiresGrad(true);
        Tensor out = model.forward(xi);
        Tensor obj = switch (objective) {
          case "kl" -> Losses.klDiv(out.logSoftmax(1), clean.softmax(1), io.jgrad.losses.Reduction.SUM, false);
          case "logit_l2" -> out.sub(clean).pow(2).sum(1).add(1e-20).sqrt().sum();
          default -> Losses.crossEntropy(out, y);
        };
        Tensor g = Autograd.grad(obj, List.of(xi), false).get(0);
        try (var off = Grad.disabled()) {
          xa = xi.detach().add(g.sign().mul(stepSize));
          xa = xa.maximum(x0.sub(epsilon)).minimum(x0.add(epsilon));
          xa = clamp(xa);
        }
      }
      return xa.detach();
    } finally {
      model.train(wasTraining);
    }
  }

  private Tensor clamp(Tensor t) {
    if (Double.isInfinite(lo) && Double.isInfinite(hi)) return t;
    return t.clamp(Double.isInfinite(lo) ? Double.NaN : lo, Double.isInfinite(hi) ? Double.NaN : hi);
  }
}
