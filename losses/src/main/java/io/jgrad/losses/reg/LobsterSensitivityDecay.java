package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * LOBSTER, loss-based sensitivity regularization: after the ordinary optimizer step, every
 * selected weight decays in proportion to its insensitivity, with g the gradient of the same step:
 * {@code S = |g|}, {@code Sbar = relu(1 - S)}, {@code w <- w - lambda w Sbar}. Weights the loss
 * does not need shrink toward zero; needed ones keep their value. Paper 73, "LOss-Based
 * SensiTivity rEgulaRization: towards deep sparse neural networks"; reference EIDOSearch's LOBSTER
 * as transcribed in the catalog.
 *
 * <p>Options: {@code rescaled} uses {@code S = |g| / max(max|g|, 1e-10)} per tensor and
 * {@code Sbar = 1 - S}; {@code adamLike} replaces g by the Adam-normalized step
 * {@code m / (sqrt(v / (1 - beta2^t)) + eps)} (beta1 0.9, beta2 0.999, eps 1e-8; only the second
 * moment is bias-corrected, as the reference), kept by this regularizer so it composes with any
 * optimizer. {@code threshold > 0} adds the reference's pruning: every {@code pruneEvery} steps
 * the weights with |w| &lt; threshold are set to exactly zero and frozen there ({@link MagnitudeMask}).
 * Weights without a gradient in a step are left alone.
 */
public final class LobsterSensitivityDecay implements Regularizer {
  public static final String ID = "lobster_sensitivity_decay";
  private final double lambda, threshold;
  private final boolean rescaled, adamLike;
  private final int pruneEvery;
  private final ParamSelector selector;
  private final Map<Tensor, Tensor[]> moments = new IdentityHashMap<>();
  private final MagnitudeMask mask = new MagnitudeMask();
  private long steps;

  public LobsterSensitivityDecay(double lambda, boolean rescaled, boolean adamLike, double threshold, int pruneEvery,
                                 ParamSelector selector) {
    if (!(lambda >= 0)) throw new IllegalArgumentException(ID + ": lambda must be >= 0, got " + lambda);
    if (!(threshold >= 0)) throw new IllegalArgumentException(ID + ": threshold must be >= 0, got " + threshold);
    if (pruneEvery < 1) throw new IllegalArgumentException(ID + ": prune_every must be >= 1, got " + pruneEvery);
    this.lambda = lambda;
    this.rescaled = rescaled;
    this.adamLike = adamLike;
    this.threshold = threshold;
    this.pruneEvery = pruneEvery;
    this.selector = selector;
  }

  /**
   * One LOBSTER update of {@code w} given the step's (possibly Adam-normalized) gradient g:
   * {@code w - lambda w Sbar(g)}. Shape: w and g alike -> w's shape. Not differentiated.
   */
  public static Tensor step(Tensor w, Tensor g, double lambda, boolean rescaled) {
    Tensor s = g.abs();
    if (rescaled) s = s.div(Math.max(s.max().item(), 1e-10));
    Tensor sbar = rescaled ? s.neg().add(1) : s.neg().add(1).relu();
    return w.sub(w.mul(sbar).mul(lambda));
  }

  @Override
  public void afterStep(Module model, Optimizer optimizer) {
    steps++;
    List<Tensor> ws = new ArrayList<>();
    try (var off = Grad.disabled()) {
      for (ParamSelector.Selected sel : selector.selectNonEmpty(ID, model)) {
        Tensor w = sel.tensor(), g = w.grad();
        ws.add(w);
        if (g == null || lambda == 0) continue;
        Tensor gg = adamLike ? adamStep(w, g.detach()) : g.detach();
        ProximalSteps.update(w, x -> step(x, gg, lambda, rescaled));
      }
    }
    if (threshold > 0 && steps % pruneEvery == 0) mask.pruneBelow(ws, threshold);
    mask.apply();
  }

  private Tensor adamStep(Tensor w, Tensor g) {
    Tensor[] st = moments.computeIfAbsent(w, k -> TensorScope.untracked(() -> new Tensor[] {
        Tensor.zerosLike(g), Tensor.zerosLike(g), Tensor.zeros(io.jgrad.tensor.DType.FLOAT64, 1)}));
    Tensor m = st[0], v = st[1];
    double t = st[2].item() + 1;
    st[2].fill(t);
    m.mulInPlace(0.9).addInPlace(g, 0.1);
    v.mulInPlace(0.999).addInPlace(g.mul(g), 0.001);
    double bc2 = 1 - Math.pow(0.999, t);
    return m.div(v.div(bc2).sqrt().add(1e-8));
  }

  /** The pruning masks (non-empty once threshold pruning has run). */
  public MagnitudeMask mask() { return mask; }

  @Override
  public String toString() {
    return ID + "(lambda=" + lambda + ", rescaled=" + rescaled + ", adam_like=" + adamLike + ", threshold=" + threshold + ")";
  }
}
