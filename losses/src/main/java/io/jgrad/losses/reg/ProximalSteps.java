package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ParamGroup;
import io.jgrad.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * Helpers for regularizers that act on the weights after the optimizer step (proximal operators,
 * decays, masks): the learning rate a tensor was just updated with, and an in-place update that
 * keeps the tensor's identity (so every optimizer, its state and the model keep referring to it).
 */
public final class ProximalSteps {
  private ProximalSteps() {}

  /**
   * The learning rate of the optimizer's parameter group that holds {@code p}, or NaN when the
   * optimizer does not update {@code p} (a frozen tensor is left alone).
   */
  public static double learningRate(Optimizer optimizer, Tensor p) {
    for (ParamGroup g : optimizer.paramGroups()) {
      for (Tensor q : g.params()) if (q == p) return g.lr();
    }
    return Double.NaN;
  }

  /** {@code p <- f(p)} in place, without recording gradients. */
  public static void update(Tensor p, UnaryOperator<Tensor> f) {
    try (var off = Grad.disabled()) {
      Tensor v = f.apply(p.detach());
      p.copyFrom(v);
    }
  }

  /**
   * The soft-thresholding operator, the proximal map of {@code tau * |w|_1}:
   * {@code sign(w) * max(|w| - tau, 0)}. Shape: any, elementwise.
   */
  public static Tensor softThreshold(Tensor w, double tau) {
    return w.sign().mul(w.abs().sub(tau).relu());
  }
}
