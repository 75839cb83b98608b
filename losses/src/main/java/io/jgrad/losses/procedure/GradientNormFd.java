package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.reg.Checks;
import io.jgrad.nn.BatchNorm;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.StepContext;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Gradient regularization by finite differences, as a training step around any optimizer.
 * Paper 62, "Understanding Gradient Regularization in Deep Learning: Efficient Finite-Difference
 * Computation and Implicit Bias" (Karakida et al. 2023). The objective is
 * {@code L(w) + (gamma / 2) ||grad L(w)||^2}, whose gradient {@code g + gamma H g} is
 * approximated with one extra gradient at a shifted point:
 * <pre>
 *   g  = grad L(w)
 *   forward  (F-GR, "ascent then descent"): h = grad L(w + e g),  update direction g + (gamma / e) (h - g)
 *   backward (B-GR):                        h = grad L(w - e g),  update direction g + (gamma / e) (g - h)
 * </pre>
 * with step {@code e = epsilon}, or {@code e = epsilon / ||g||} when {@code normalize} (an ascent
 * of length epsilon, as SAM's; the quotient then still estimates {@code gamma H g}). On a
 * quadratic both directions equal {@code g + gamma A g} exactly, for every epsilon (tested).
 * gamma = e gives the un-normalized SAM direction {@code h}. Double backpropagation of the
 * same objective is {@link GradNormPenalty} with lambda = gamma / 2, power 2.
 *
 * <p>The paper reports better generalization from F-GR with a relatively large ascent step;
 * its exact epsilon parameterization and values could not be confirmed, so both are parameters
 * (defaults gamma = 0.05, epsilon = 0.1, raw step: this library's choice, not the paper's).
 * The weights come back from saved copies; BatchNorm statistics move on the first pass only.
 * Cost: two forward and two backward passes.
 */
public final class GradientNormFd implements TrainStep {
  public static final String ID = "gradient_norm_regularization_fd";
  private final double gamma, epsilon;
  private final boolean forward, normalize;
  private final WeightCopies weights = new WeightCopies();

  /** {@code variant} "forward" (F-GR) or "backward" (B-GR). */
  public GradientNormFd(double gamma, double epsilon, String variant, boolean normalize) {
    this.gamma = Checks.nonNegative(ID, "gamma", gamma);
    this.epsilon = Checks.positive(ID, "epsilon", epsilon);
    if (!"forward".equals(variant) && !"backward".equals(variant)) {
      throw new IllegalArgumentException(ID + ": variant must be forward or backward, got '" + variant + "'");
    }
    this.forward = "forward".equals(variant);
    this.normalize = normalize;
  }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor loss = ctx.loss(ctx.forward(b.x()), b);
    List<Tensor> params = StepTools.params(ctx);
    List<Tensor> g = StepTools.grads(loss, params);
    Tensor ratio;
    weights.save(params);
    try {
      try (var off = Grad.disabled()) {
        // shift = e * g with e = epsilon, or epsilon / ||g||; ratio = gamma / e
        Tensor e = normalize ? StepTools.globalNorm(g, null).reciprocal().mul(epsilon)
            : Tensor.scalar(epsilon, params.get(0).dtype()).to(params.get(0).device());
        ratio = e.reciprocal().mul(gamma);
        for (int i = 0; i < params.size(); i++) {
          Tensor gi = g.get(i);
          if (gi == null) continue;
          Tensor shift = gi.mul(e.to(gi.dtype()));
          if (forward) params.get(i).addInPlace(shift);
          else params.get(i).subInPlace(shift);
        }
      }
      try (var frozen = BatchNorm.freezeStats(ctx.model())) {
        Tensor l2 = ctx.loss(ctx.forward(b.x()), b);
        ctx.backward(l2.mul(ratio.to(l2.dtype())).mul(forward ? 1 : -1));
      }
    } finally {
      weights.restore();
    }
    // forward: (1 - ratio) g ; backward: (1 + ratio) g
    Tensor coef = forward ? ratio.neg().add(1) : ratio.add(1);
    StepTools.backwardConstant(ctx, params, g, coef, 1);
    ctx.step();
    return loss;
  }

  @Override
  public String toString() {
    return "GradientNormFd(gamma=" + gamma + ", epsilon=" + epsilon + ", variant=" + (forward ? "forward" : "backward")
        + ", normalize=" + normalize + ")";
  }
}
