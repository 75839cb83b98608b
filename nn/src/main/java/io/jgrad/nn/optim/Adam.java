package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam ("Adam: A Method for Stochastic Optimization"), as {@code torch.optim.Adam}:
 * <pre>
 *   g = (maximize ? -grad : grad) + weightDecay * p          (L2, coupled)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   vhat = amsgrad ? (vmax = max(vmax, v)) : v
 *   p = p - lr / (1 - beta1^t) * m / (sqrt(vhat) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Options: lr (required), beta1 0.9, beta2 0.999, eps 1e-8, weightDecay 0, amsgrad false,
 * maximize false. One-cycle momentum cycling changes {@code beta1}.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.Adam} (tools/golden/gen_optim.py, golden/optim.json).
 */
public class Adam extends Optimizer {
  static Map<String, Object> defaults(double lr, double weightDecay) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lr", lr);
    d.put("beta1", 0.9);
    d.put("beta2", 0.999);
    d.put("eps", 1e-8);
    d.put("weightDecay", weightDecay);
    d.put("amsgrad", false);
    d.put("maximize", false);
    return d;
  }

  private final boolean decoupled;

  public Adam(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults. */
  public Adam(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the Adam defaults. */
  public Adam(double lr, List<ParamGroup> groups) { this("Adam", groups, defaults(lr, 0.0), false); }

  Adam(String name, List<ParamGroup> groups, Map<String, Object> defaults, boolean decoupled) {
    super(name, groups, defaults);
    this.decoupled = decoupled;
  }

  @Override
  protected void validate(ParamGroup g) {
    super.validate(g);
    for (String b : new String[] {"beta1", "beta2"}) {
      double v = g.get(b);
      if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(name() + ": invalid " + b + " " + v + " (need 0 <= beta < 1)");
    }
    if (!(g.get("eps") >= 0)) throw new IllegalArgumentException(name() + ": invalid eps " + g.get("eps"));
  }

  @Override
  protected void update(ParamGroup g, Tensor p, Tensor grad, ParamState st) {
    double lr = g.lr(), b1 = g.get("beta1"), b2 = g.get("beta2"), eps = g.get("eps"), wd = g.get("weightDecay");
    Tensor d = g.flag("maximize") ? grad.neg() : grad;
    if (decoupled) {
      p.mulInPlace(1 - lr * wd);
    } else if (wd != 0) {
      d = d.add(p, wd);
    }
    Tensor m = st.getOrCreate("exp_avg", () -> Tensor.zerosLike(p));
    Tensor v = st.getOrCreate("exp_avg_sq", () -> Tensor.zerosLike(p));
    m.mulInPlace(b1).addInPlace(d, 1 - b1);
    v.mulInPlace(b2).addInPlace(d.mul(d), 1 - b2);
    double t = st.step();
    double bc1 = 1 - Math.pow(b1, t), bc2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
    Tensor vhat = v;
    if (g.flag("amsgrad")) {
      Tensor vmax = st.getOrCreate("max_exp_avg_sq", () -> Tensor.zerosLike(p));
      vmax.copyFrom(vmax.maximum(v));
      vhat = vmax;
    }
    Tensor denom = vhat.sqrt().div(bc2Sqrt).add(eps);
    p.addInPlace(m.div(denom), -lr / bc1);
  }
}
