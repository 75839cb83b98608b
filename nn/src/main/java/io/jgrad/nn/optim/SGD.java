package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov momentum, L2 weight decay and
 * maximize, as {@code torch.optim.SGD}:
 * <pre>
 *   g = (maximize ? -grad : grad) + weightDecay * p
 *   b = g on the first step, else momentum * b + (1 - dampening) * g
 *   d = nesterov ? g + momentum * b : b          (d = g when momentum == 0)
 *   p = p - lr * d
 * </pre>
 * Options: lr (required), momentum 0, dampening 0, nesterov false, weightDecay 0, maximize false.
 * Nesterov needs momentum &gt; 0 and dampening 0.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.SGD} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class SGD extends Optimizer {
  static Map<String, Object> defaults(double lr) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lr", lr);
    d.put("momentum", 0.0);
    d.put("dampening", 0.0);
    d.put("nesterov", false);
    d.put("weightDecay", 0.0);
    d.put("maximize", false);
    return d;
  }

  /** Plain SGD on one group. */
  public SGD(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults (e.g. {@code Map.of("momentum", 0.9)}). */
  public SGD(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the SGD defaults. */
  public SGD(double lr, List<ParamGroup> groups) { super("SGD", groups, defaults(lr)); }

  @Override
  protected void validate(ParamGroup g) {
    super.validate(g);
    validateMomentum("SGD", g);
  }

  @Override
  protected void update(ParamGroup g, Tensor p, Tensor grad, ParamState st) {
    double wd = g.get("weightDecay");
    Tensor d = g.flag("maximize") ? grad.neg() : grad;
    if (wd != 0) d = d.add(p, wd);
    p.addInPlace(momentumDirection(g, d, st), -g.lr());
  }

  /** The momentum options' rules, shared with {@link SGDW}: momentum >= 0; nesterov needs a momentum and no dampening. */
  static void validateMomentum(String name, ParamGroup g) {
    if (!(g.get("momentum") >= 0)) throw new IllegalArgumentException(name + ": invalid momentum " + g.get("momentum"));
    if (g.flag("nesterov") && (g.get("momentum") <= 0 || g.get("dampening") != 0)) {
      throw new IllegalArgumentException(name + ": nesterov momentum requires a momentum and zero dampening");
    }
  }

  /**
   * The step direction from the (weight-decayed) gradient {@code d}, shared with {@link SGDW}:
   * {@code d} itself without momentum; else the buffer {@code b = d} on the first step and
   * {@code momentum * b + (1 - dampening) * d} after (updated in place in {@code st}), and
   * {@code d + momentum * b} with Nesterov, {@code b} without.
   */
  static Tensor momentumDirection(ParamGroup g, Tensor d, ParamState st) {
    double momentum = g.get("momentum");
    if (momentum == 0) return d;
    Tensor buf = st.get("momentum_buffer");
    if (buf == null) {
      buf = st.getOrCreate("momentum_buffer", () -> copyOf(d));
    } else {
      buf.mulInPlace(momentum).addInPlace(d, 1 - g.get("dampening"));
    }
    return g.flag("nesterov") ? d.add(buf, momentum) : buf;
  }
}
