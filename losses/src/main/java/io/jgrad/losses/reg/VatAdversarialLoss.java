package io.jgrad.losses.reg;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.losses.Losses;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Adversarial training with an L2-normalized input gradient, the {@code adversarial_loss} of
 * paper 21's official code (takerum/vat_tf {@code vat.py}): the supervised counterpart of
 * {@link VirtualAdversarialLoss}.
 * <pre>
 *   r_adv = epsilon * normalize(grad_x CE(f(x), y))      (vat_tf's per-sample normalize)
 *   penalty = alpha * CE(f(x + r_adv), y)
 * </pre>
 * The gradient is taken on a fresh forward pass of the clean batch; both extra passes leave
 * BatchNorm running statistics alone. Labels -100 are ignored. Defaults: epsilon 8.0 (the
 * code's flag), alpha 1.
 */
public final class VatAdversarialLoss implements Regularizer {
  public static final String ID = "adversarial_loss";
  private final double epsilon, alpha;

  public VatAdversarialLoss(double epsilon, double alpha) {
    this.epsilon = Checks.nonNegative(ID, "epsilon", epsilon);
    this.alpha = Checks.nonNegative(ID, "alpha", alpha);
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    return loss(model, batch.x(), batch.y()).mul(alpha);
  }

  /** CE(f(x + r_adv), y), unweighted. */
  public Tensor loss(Module model, Tensor x, Tensor y) {
    try (var on = Grad.enabled(); var frozen = BatchNorm.freezeStats(model)) {
      Tensor r = perturbation(model, x, y);
      return Losses.crossEntropy(model.forward(x.detach().add(r)), y);
    }
  }

  /** {@code r_adv = epsilon * normalize(grad_x CE(f(x), y))}. */
  public Tensor perturbation(Module model, Tensor x, Tensor y) {
    try (var on = Grad.enabled(); var frozen = BatchNorm.freezeStats(model)) {
      Tensor x0 = x.detach().requiresGrad(true);
      Tensor g = Autograd.grad(Losses.crossEntropy(model.forward(x0), y), List.of(x0), false).get(0);
      return VirtualAdversarialLoss.normalize(g.detach()).mul(epsilon).detach();
    }
  }
}
