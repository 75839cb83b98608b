package io.jgrad.losses.curvature;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Products H v of the Hessian of a scalar loss with respect to parameters, for many v: the loss
 * and its gradient g are computed once (with createGraph), then each {@link #apply} is one
 * backward of &lt;g, v&gt;. This is {@link Autograd#hvp} with the first two passes shared across
 * calls, as power iteration and Hutchinson's estimator need (PyHessian does the same); it
 * works on a model's own parameter tensors, which the model's forward reads directly. The
 * graph is kept until this object is dropped. No parameter's {@code grad()} is touched.
 */
public final class HessianVectorProduct {
  private final List<Tensor> params;
  private final Tensor loss;
  private final List<Tensor> grads;  // null where the loss does not depend on the parameter

  private HessianVectorProduct(List<Tensor> params, Tensor loss, List<Tensor> grads) {
    this.params = params;
    this.loss = loss;
    this.grads = grads;
  }

  /**
   * Evaluates {@code loss} (a scalar computed from the current values of {@code params}, e.g.
   * {@code () -> Losses.crossEntropy(model.call(x), y)}) and its gradient, ready for products.
   */
  public static HessianVectorProduct of(List<Tensor> params, Supplier<Tensor> loss) {
    if (params == null || params.isEmpty()) throw new IllegalArgumentException("hessian: no parameters given");
    for (int i = 0; i < params.size(); i++) {
      Tensor p = params.get(i);
      if (p == null || !p.requiresGrad() || !p.dtype().isFloatingPoint()) {
        throw new IllegalArgumentException("hessian: parameter " + i + (p == null ? " is null" : " " + Shapes.str(p.shape())
            + " " + p.dtype() + " does not require grad"));
      }
    }
    try (GradMode.Scope on = GradMode.enabled()) {
      Tensor l = loss.get();
      if (l == null || l.numel() != 1) {
        throw new IllegalArgumentException("hessian: the loss must be a scalar, got " + (l == null ? "null" : Shapes.str(l.shape())));
      }
      List<Tensor> g = l.requiresGrad() ? Autograd.grad(List.of(l), params, null, true, true, true)
          : Arrays.asList(new Tensor[params.size()]);
      return new HessianVectorProduct(List.copyOf(params), l, new ArrayList<>(g));
    }
  }

  /** H v, one tensor per parameter (zeros where the loss is linear in it or does not use it). */
  public List<Tensor> apply(List<Tensor> v) {
    if (v == null || v.size() != params.size()) {
      throw new IllegalArgumentException("hessian: " + (v == null ? "null" : v.size()) + " vectors for " + params.size() + " parameters");
    }
    List<Tensor> roots = new ArrayList<>(), cots = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Tensor vi = v.get(i);
      if (vi == null || !Arrays.equals(vi.shape(), params.get(i).shape())) {
        throw new IllegalArgumentException("hessian: v " + i + (vi == null ? " is null" : " has shape " + Shapes.str(vi.shape()))
            + " but parameter " + i + " has shape " + Shapes.str(params.get(i).shape()));
      }
      Tensor g = grads.get(i);
      if (g != null && g.requiresGrad()) {
        roots.add(g);
        cots.add(vi);
      }
    }
    List<Tensor> hv;
    try (GradMode.Scope on = GradMode.enabled()) {
      hv = roots.isEmpty() ? Arrays.asList(new Tensor[params.size()])
          : Autograd.grad(roots, params, cots, true, false, true);
    }
    List<Tensor> out = new ArrayList<>(params.size());
    for (int i = 0; i < params.size(); i++) out.add(hv.get(i) != null ? hv.get(i).detach() : Tensor.zerosLike(params.get(i)));
    return out;
  }

  /** The loss value at the parameters. */
  public double loss() { return loss.item(); }

  /** The gradient of the loss, detached (zeros where it does not depend on a parameter). */
  public List<Tensor> gradient() {
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) out.add(grads.get(i) != null ? grads.get(i).detach() : Tensor.zerosLike(params.get(i)));
    return out;
  }

  public List<Tensor> parameters() { return params; }

  /** Sum over parameters of &lt;a_i, b_i&gt;. */
  static double dot(List<Tensor> a, List<Tensor> b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) s += a.get(i).mul(b.get(i)).sum().item();
    return s;
  }
}
