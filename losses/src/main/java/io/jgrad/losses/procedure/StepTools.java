package io.jgrad.losses.procedure;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.nn.train.StepContext;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** What the procedures share: the optimizer's parameters, functional gradients, scaled gradient contributions. */
final class StepTools {
  private StepTools() {}

  /** The parameters the optimizer updates (each once, in group order) that require grad. */
  static List<Tensor> params(StepContext ctx) {
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Tensor> out = new ArrayList<>();
    for (ParamGroup g : ctx.optimizer().paramGroups()) {
      for (Tensor p : g.params()) if (p.requiresGrad() && seen.add(p)) out.add(p);
    }
    return out;
  }

  /**
   * d loss / d params without touching any {@code .grad()}: the unscaled gradient of this
   * micro-batch's loss; null for a parameter the loss does not depend on (as torch's
   * {@code p.grad is None}).
   */
  static List<Tensor> grads(Tensor loss, List<Tensor> params) {
    return Autograd.grad(List.of(loss), params, null, false, true);
  }

  /**
   * Adds {@code coef * g} to the parameters' gradients through {@link StepContext#backward}, so
   * it gets the Trainer's micro-batch scaling: the backward of the linear surrogate
   * {@code coef * sum_p <sg(g_p), p>}, whose gradient is exactly {@code coef * g_p}.
   */
  static void backwardConstant(StepContext ctx, List<Tensor> params, List<Tensor> g, double coef) {
    backwardConstant(ctx, params, g, null, coef);
  }

  /** As above with the coefficient {@code coefTensor * coef} (a 0-d tensor kept on the device; null for 1). */
  static void backwardConstant(StepContext ctx, List<Tensor> params, List<Tensor> g, Tensor coefTensor, double coef) {
    Tensor s = null;
    for (int i = 0; i < params.size(); i++) {
      Tensor gi = g.get(i);
      if (gi == null) continue;
      Tensor term = gi.detach().mul(params.get(i)).sum();
      s = s == null ? term : s.add(term);
    }
    if (s == null) return;
    if (coefTensor != null) s = s.mul(coefTensor.detach());
    ctx.backward(coef == 1 ? s : s.mul(coef));
  }

  /** The global L2 norm of the non-null tensors of {@code ts} (each scaled elementwise by {@code |w|} when {@code weights} is given). */
  static Tensor globalNorm(List<Tensor> ts, List<Tensor> weights) {
    try (var off = Grad.disabled()) {
      List<Tensor> norms = new ArrayList<>();
      for (int i = 0; i < ts.size(); i++) {
        Tensor t = ts.get(i);
        if (t == null) continue;
        norms.add((weights == null ? t : weights.get(i).abs().mul(t)).norm());
      }
      if (norms.isEmpty()) throw new IllegalStateException("no parameter received a gradient");
      return Tensor.stack(norms, 0).norm();
    }
  }
}
