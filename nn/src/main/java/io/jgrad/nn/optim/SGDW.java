package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * SGD with momentum and decoupled weight decay ("Decoupled Weight Decay Regularization",
 * Loshchilov &amp; Hutter, shared/papers/titles.txt no. 56): the decay acts on the weights
 * directly, outside the gradient and the momentum buffer, unlike {@link SGD}'s L2
 * {@code weightDecay}.
 * <pre>
 *   eta = lr / initialLr                         (the schedule multiplier eta_t)
 *   g   = maximize ? -grad : grad                (no L2 term)
 *   b   = g on the first step, else momentum * b + (1 - dampening) * g
 *   d   = nesterov ? g + momentum * b : b        (d = g when momentum == 0)
 *   p   = p - lr * d - eta * weightDecay * p_old (p_old: the weights before this step)
 * </pre>
 * {@code initialLr} is the group's lr when the optimizer is built (the paper's alpha), so a
 * schedule that scales lr scales the decay by the same multiplier while {@code weightDecay} (the
 * paper's lambda) stays independent of the learning rate: the decay is {@code eta_t * lambda},
 * not {@code lr * lambda} as in torch's AdamW ({@link AdamW}).
 *
 * <p>Checked against: Algorithm 1 of the paper (lines 6, 8, 9: {@code m_t = beta1 m_{t-1} +
 * eta_t alpha g_t}, {@code theta_t = theta_{t-1} - m_t - eta_t lambda theta_{t-1}}) and the
 * authors' code (github.com/loshchil/AdamW-and-SGDW, {@code UPDATETORCHFILES/sgd.lua} with
 * {@code sgd_type = 1} and {@code train.lua}: {@code x = x - clr * buf - (clr / LR) * wd * xold}).
 * The code, used here, keeps the learning rate outside the momentum buffer (torch SGD's
 * convention); Algorithm 1 puts {@code eta_t alpha} inside it. The two agree when lr is constant;
 * under a schedule they differ in how past momentum is scaled. The paper's normalized decay
 * ({@code lambda = lambda_norm sqrt(b / (B T))}) is the caller's choice of {@code weightDecay}.
 * Goldens: a float64 PyTorch reimplementation of that code over 20 steps with a schedule
 * (tools/golden/gen_catalog_optimization.py).
 *
 * <p>Options: lr (required), momentum 0, dampening 0, nesterov false, weightDecay 0 (lambda),
 * maximize false, initialLr (default: the group's lr at construction; must be &gt; 0 with a
 * nonzero weightDecay). Nesterov needs momentum &gt; 0 and dampening 0.
 */
public final class SGDW extends Optimizer {
  static Map<String, Object> defaults(double lr) {
    Map<String, Object> d = SGD.defaults(lr);
    d.put("initialLr", Double.NaN);
    return d;
  }

  /** Plain SGDW on one group (no momentum, no decay: plain SGD until options are given). */
  public SGDW(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults (e.g. {@code Map.of("momentum", 0.9, "weightDecay", 1e-4)}). */
  public SGDW(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the SGDW defaults. */
  public SGDW(double lr, List<ParamGroup> groups) { super("SGDW", groups, defaults(lr)); }

  @Override
  protected void validate(ParamGroup g) {
    super.validate(g);
    if (Double.isNaN(g.get("initialLr"))) g.set("initialLr", g.lr());
    SGD.validateMomentum("SGDW", g);
    if (g.get("weightDecay") != 0 && !(g.get("initialLr") > 0)) {
      throw new IllegalArgumentException("SGDW: initialLr must be > 0 with a weightDecay (the decay is weightDecay * lr / initialLr), got "
          + g.get("initialLr"));
    }
  }

  @Override
  protected void update(ParamGroup g, Tensor p, Tensor grad, ParamState st) {
    double lr = g.lr(), wd = g.get("weightDecay");
    Tensor d = SGD.momentumDirection(g, g.flag("maximize") ? grad.neg() : grad, st);
    if (wd != 0) {
      // p - lr d - eta wd p_old, with the decay taken from the weights before this step's update.
      Tensor decay = p.mul(lr / g.get("initialLr") * wd);
      p.addInPlace(d, -lr).subInPlace(decay);
    } else {
      p.addInPlace(d, -lr);
    }
  }
}
