package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.reg.Checks;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Adversarial Model Perturbation, as a training step around any optimizer. Paper 7,
 * "Regularizing Neural Networks via Adversarial Model Perturbation" (Zheng et al. 2021). Checked
 * step for step against a PyTorch reimplementation of hiyouga/AMP-Regularizer {@code amp.py}
 * ({@code AMP.step}; tools/golden/gen_catalog_procedures.py).
 *
 * <pre>
 *   g = grad L_B(w);  delta_p = 0
 *   repeat inner_iter times:
 *     delta_p &lt;- delta_p + inner_lr * g_p;  if ||delta_p|| > eps: delta_p &lt;- eps * delta_p / (||delta_p|| + 1e-12)
 *     w_p &lt;- saved w_p + delta_p;  g = grad L_B(w + delta)   (the last one into .grad, through the Trainer)
 *   w &lt;- saved w (a copy);  optimizer.step() with the gradient taken at w + delta
 * </pre>
 * Unlike SAM the ascent step is not normalized, the ball is per parameter tensor, and there can
 * be several inner steps. inner_iter = 0 is the plain step. Where the reference code moves the
 * weights by subtracting the old perturbation and adding the new one, this sets them to the
 * saved weights plus the perturbation, so the weights come back exactly. Gradient clipping
 * applies to the final gradient only (the reference clips inside its closure, so also the
 * ascent gradients). BatchNorm statistics move on the clean pass only. Cost: inner_iter + 1
 * forward and backward passes. Defaults: epsilon = 0.5, inner_lr = 1, inner_iter = 1.
 */
public final class Amp implements TrainStep {
  public static final String ID = "amp";
  private final double epsilon, innerLr;
  private final int innerIter;
  private final WeightCopies weights = new WeightCopies();

  public Amp(double epsilon, double innerLr, int innerIter) {
    this.epsilon = Checks.nonNegative(ID, "epsilon", epsilon);
    this.innerLr = Checks.nonNegative(ID, "inner_lr", innerLr);
    if (innerIter < 0) throw new IllegalArgumentException(ID + ": inner_iter must be >= 0, got " + innerIter);
    this.innerIter = innerIter;
  }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor loss = ctx.loss(ctx.forward(b.x()), b);
    if (innerIter == 0) {
      ctx.backward(loss);
      ctx.step();
      return loss;
    }
    List<Tensor> params = StepTools.params(ctx);
    List<Tensor> g = StepTools.grads(loss, params);
    weights.save(params);
    List<Tensor> dev = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) dev.add(null);
    try {
      for (int it = 0; it < innerIter; it++) {
        try (var off = Grad.disabled()) {
          for (int i = 0; i < params.size(); i++) {
            Tensor gi = g.get(i);
            if (gi == null) continue;
            Tensor d = dev.get(i) == null ? gi.mul(innerLr) : dev.get(i).add(gi, innerLr);
            Tensor coef = d.norm().add(1e-12).reciprocal().mul(epsilon).clampMax(1.0);
            d = d.mul(coef);
            dev.set(i, d);
            params.get(i).copyFrom(weights.copy(i)).addInPlace(d);
          }
        }
        try (var frozen = BatchNorm.freezeStats(ctx.model())) {
          Tensor l = ctx.loss(ctx.forward(b.x()), b);
          if (it < innerIter - 1) g = StepTools.grads(l, params);
          else ctx.backward(l);
        }
      }
    } finally {
      weights.restore();
    }
    ctx.step();
    return loss;
  }

  @Override
  public String toString() { return "Amp(epsilon=" + epsilon + ", inner_lr=" + innerLr + ", inner_iter=" + innerIter + ")"; }
}
