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
 * Sharpness-Aware Minimization, as a training step around any optimizer. Paper 43,
 * "Sharpness-Aware Minimization for Efficiently Improving Generalization" (Foret et al. 2021);
 * adaptive form from ASAM (Kwon et al. 2021). Checked step for step against a PyTorch
 * reimplementation of davda54/sam {@code sam.py} ({@code first_step}, {@code second_step},
 * {@code _grad_norm}; tools/golden/gen_catalog_procedures.py).
 *
 * <pre>
 *   g   = grad L_B(w)                                   (first pass; .grad untouched)
 *   n   = || ( (|w_p| if adaptive else 1) * g_p )_p ||_2  (global norm over parameters)
 *   e_p = (w_p^2 if adaptive else 1) * g_p * rho / (n + 1e-12)
 *   w  &lt;- w + e;   backward of L_B(w + e);   w &lt;- saved w (a copy, bit-identical)
 *   optimizer.step()                                     (clip, schedule, regularizers' afterStep)
 * </pre>
 * Parameters without a gradient in the first pass are not perturbed (torch's
 * {@code p.grad is None}). BatchNorm running statistics are updated by the first pass only (the
 * reference's {@code disable_running_stats} for the second). Under gradient accumulation each
 * micro-batch gets its own ascent step and adds its second-pass gradient to the accumulated ones.
 * Cost: two forward and two backward passes. Defaults: rho = 0.05, adaptive = false.
 */
public final class Sam implements TrainStep {
  public static final String ID = "sam";
  private final double rho;
  private final boolean adaptive;
  private final WeightCopies weights = new WeightCopies();

  public Sam(double rho, boolean adaptive) {
    this.rho = Checks.nonNegative(ID, "rho", rho);
    this.adaptive = adaptive;
  }

  /** Plain SAM with radius {@code rho}. */
  public Sam(double rho) { this(rho, false); }

  public double rho() { return rho; }

  public boolean adaptive() { return adaptive; }

  @Override
  public Tensor run(StepContext ctx) {
    Batch b = ctx.batch();
    Tensor loss = ctx.loss(ctx.forward(b.x()), b);
    List<Tensor> params = StepTools.params(ctx);
    List<Tensor> g = StepTools.grads(loss, params);
    weights.save(params);
    try {
      try (var off = Grad.disabled()) {
        Tensor n = StepTools.globalNorm(g, adaptive ? params : null);
        Tensor scale = n.add(1e-12).reciprocal().mul(rho);
        for (int i = 0; i < params.size(); i++) {
          Tensor gi = g.get(i);
          if (gi == null) continue;
          Tensor p = params.get(i);
          Tensor e = gi.mul(scale.to(p.dtype()));
          if (adaptive) e = e.mul(p.mul(p));
          p.addInPlace(e);
        }
      }
      try (var frozen = BatchNorm.freezeStats(ctx.model())) {
        ctx.backward(ctx.loss(ctx.forward(b.x()), b));
      }
    } finally {
      weights.restore();
    }
    ctx.step();
    return loss;
  }

  @Override
  public String toString() { return "Sam(rho=" + rho + ", adaptive=" + adaptive + ")"; }
}
