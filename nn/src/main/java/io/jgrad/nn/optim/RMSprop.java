package io.jgrad.nn.optim;

import io.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSprop, as {@code torch.optim.RMSprop}:
 * <pre>
 *   g = (maximize ? -grad : grad) + weightDecay * p
 *   s = alpha * s + (1 - alpha) * g^2
 *   centered: a = alpha * a + (1 - alpha) * g;  r = sqrt(s - a^2) + eps,  else r = sqrt(s) + eps
 *   momentum &gt; 0: b = momentum * b + g / r;  p = p - lr * b,  else p = p - lr * g / r
 * </pre>
 * Options: lr (required), alpha 0.99, eps 1e-8, weightDecay 0, momentum 0, centered false,
 * maximize false.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.RMSprop} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class RMSprop extends Optimizer {
  static Map<String, Object> defaults(double lr) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("lr", lr);
    d.put("alpha", 0.99);
    d.put("eps", 1e-8);
    d.put("weightDecay", 0.0);
    d.put("momentum", 0.0);
    d.put("centered", false);
    d.put("maximize", false);
    return d;
  }

  public RMSprop(List<Tensor> params, double lr) { this(params, lr, Map.of()); }

  /** One group; {@code options} override the defaults. */
  public RMSprop(List<Tensor> params, double lr, Map<String, ?> options) { this(lr, single(params, options)); }

  /** Several groups; options a group does not set default to {@code lr} and the RMSprop defaults. */
  public RMSprop(double lr, List<ParamGroup> groups) { super("RMSprop", groups, defaults(lr)); }

  @Override
  protected void validate(ParamGroup g) {
    super.validate(g);
    if (!(g.get("alpha") >= 0)) throw new IllegalArgumentException("RMSprop: invalid alpha " + g.get("alpha"));
    if (!(g.get("momentum") >= 0)) throw new IllegalArgumentException("RMSprop: invalid momentum " + g.get("momentum"));
    if (!(g.get("eps") >= 0)) throw new IllegalArgumentException("RMSprop: invalid eps " + g.get("eps"));
  }

  @Override
  protected void update(ParamGroup g, Tensor p, Tensor grad, ParamState st) {
    double lr = g.lr(), alpha = g.get("alpha"), eps = g.get("eps"), wd = g.get("weightDecay"), momentum = g.get("momentum");
    Tensor d = g.flag("maximize") ? grad.neg() : grad;
    if (wd != 0) d = d.add(p, wd);
    Tensor s = st.getOrCreate("square_avg", () -> Tensor.zerosLike(p));
    s.mulInPlace(alpha).addInPlace(d.mul(d), 1 - alpha);
    Tensor avg;
    if (g.flag("centered")) {
      Tensor a = st.getOrCreate("grad_avg", () -> Tensor.zerosLike(p));
      a.mulInPlace(alpha).addInPlace(d, 1 - alpha);
      avg = s.sub(a.mul(a)).sqrt();
    } else {
      avg = s.sqrt();
    }
    avg = avg.add(eps);
    if (momentum > 0) {
      Tensor b = st.getOrCreate("momentum_buffer", () -> Tensor.zerosLike(p));
      b.mulInPlace(momentum).addInPlace(d.div(avg));
      p.addInPlace(b, -lr);
    } else {
      p.addInPlace(d.div(avg), -lr);
    }
  }
}
