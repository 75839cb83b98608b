package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adagrad, as {@code torch.optim.Adagrad}:
 * <pre>
 *   g = (maximize ? -grad : grad) + weightDecay * p
 *   clr = lr / (1 + (t - 1) * lrDecay)
 *   s = s + g^2                    (s starts at initialAccumulatorValue)
 *   p = p - clr * g / (sqrt(s) + eps)
 * </pre>
 * Options: lr (required), lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10,
 * maximize false.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.Adagrad} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class Adagrad extends Optimizer {
  static Map<String, Object> defaults(double lr) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lr", lr);
    d.put("lrDecay", 0.0);
    d.put("weightDecay", 0.0);
    d.put("initialAccumulatorValue", 0.0);
    d.put("eps", 1e-10);
    d.put("maximize", false);
    return d;
  }

  public Adagrad(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults. */
  public Adagrad(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the Adagrad defaults. */
  public Adagrad(double lr, List<ParamGroup> groups) { super("Adagrad", groups, defaults(lr)); }

  @Override
  protected void validate(ParamGroup g) {
    super.validate(g);
    if (!(g.get("lrDecay") >= 0)) throw new IllegalArgumentException("Adagrad: invalid lrDecay " + g.get("lrDecay"));
    if (!(g.get("initialAccumulatorValue") >= 0)) {
      throw new IllegalArgumentException("Adagrad: invalid initialAccumulatorValue " + g.get("initialAccumulatorValue"));
    }
  }

  @Override
  protected void update(ParamGroup g, Tensor p, Tensor grad, ParamState st) {
    double lr = g.lr(), wd = g.get("weightDecay"), eps = g.get("eps");
    Tensor d = g.flag("maximize") ? grad.neg() : grad;
    if (wd != 0) d = d.add(p, wd);
    double clr = lr / (1 + (st.step() - 1) * g.get("lrDecay"));
    double init = g.get("initialAccumulatorValue");
    Tensor s = st.getOrCreate("sum", () -> Tensor.fullLike(p, init));
    s.addInPlace(d.mul(d));
    p.addInPlace(d.div(s.sqrt().add(eps)), -clr);
  }
}
