package io.jgrad.losses.reg;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.Sequential;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Per-example squared Frobenius norms of the Jacobian of a map f: [B, ...] -> [B, ...], three
 * ways (paper 88's estimators, shared with paper 76):
 * <pre>
 *   exact       : sum_j ||d f_j / d x||^2                 one backward per output coordinate
 *   hutchinson  : mean_m ||v_m^T J||^2,  v_m ~ N(0, I)     unbiased, one backward per draw
 *   fd          : mean_m ||f(x + s e_m) - f(x)||^2 / s^2,  e_m ~ N(0, I)   no Jacobian, O(s) bias
 * </pre>
 * The exact and Hutchinson forms differentiate with createGraph, so they can be trained
 * through (double backprop); an input that is itself on the tape (an intermediate z = h(x))
 * keeps its dependence. Each returns a [B] tensor; example i's Jacobian is taken with the
 * batch summed over, so f must treat examples independently (no BatchNorm in training mode).
 */
public final class JacobianNorms {
  private JacobianNorms() {}

  /** Exact ||J_f(x_i)||_F^2 for each example. */
  public static Tensor exact(UnaryOperator<Tensor> f, Tensor x) {
    try (var on = Grad.enabled()) {
      Tensor xi = leaf(x);
      Tensor out = f.apply(xi).reshape(x.size(0), -1);
      Tensor acc = null;
      for (int j = 0; j < out.size(1); j++) {
        Tensor g = Autograd.grad(List.of(out.select(1, j).sum()), List.of(xi), null, true, true).get(0);
        Tensor s = g == null ? null : perExample(g.mul(g));
        if (s != null) acc = acc == null ? s : acc.add(s);
      }
      return acc == null ? Tensor.zerosLike(out.select(1, 0)) : acc;
    }
  }

  /** Hutchinson: the mean over {@code vs} (each shaped like f(x)) of ||v^T J||^2 per example. */
  public static Tensor hutchinson(UnaryOperator<Tensor> f, Tensor x, List<Tensor> vs) {
    try (var on = Grad.enabled()) {
      Tensor xi = leaf(x);
      Tensor out = f.apply(xi);
      Tensor acc = null;
      for (Tensor v : vs) {
        Tensor g = Autograd.grad(List.of(out), List.of(xi), List.of(v), true, true).get(0);
        Tensor s = g == null ? Tensor.zerosLike(out).reshape(out.size(0), -1).sum(1) : perExample(g.mul(g));
        acc = acc == null ? s : acc.add(s);
      }
      return acc.div(vs.size());
    }
  }

  /** Finite differences: the mean over {@code noises} (shaped like x) of ||f(x + s e) - f(x)||^2 / s^2 per example. */
  public static Tensor finiteDifference(UnaryOperator<Tensor> f, Tensor x, double sigma, List<Tensor> noises) {
    Tensor fx = f.apply(x);
    Tensor acc = null;
    for (Tensor e : noises) {
      Tensor d = f.apply(x.add(e.mul(sigma))).sub(fx);
      Tensor s = perExample(d.mul(d));
      acc = acc == null ? s : acc.add(s);
    }
    return acc.div(noises.size() * sigma * sigma);
  }

  /** x itself when it is already on the tape (a latent of an outer graph: its dependence is kept), else a fresh leaf. */
  static Tensor leaf(Tensor x) { return x.requiresGrad() ? x : x.detach().requiresGrad(true); }

  /** Sum over every dim but the first: [B, ...] -> [B]. */
  static Tensor perExample(Tensor t) {
    if (t.dim() == 1) return t;
    return t.reshape(t.size(0), -1).sum(1);
  }

  /**
   * Layers [from, to) of {@code model} as a function: the whole model when it is not a
   * {@link Sequential} and the range is everything ({@code from = 0, to = -1}).
   */
  static UnaryOperator<Tensor> layers(String id, Module model, int from, int to) {
    if (!(model instanceof Sequential s)) {
      if (from == 0 && to < 0) return model::forward;
      throw new IllegalArgumentException(id + ": splitting the model needs a Sequential, got " + model.getClass().getSimpleName());
    }
    int end = to < 0 ? s.size() : to;
    if (from < 0 || end > s.size() || from > end) {
      throw new IllegalArgumentException(id + ": layers [" + from + ", " + end + ") out of range for a Sequential of "
          + s.size() + " layers");
    }
    List<Module> ls = new ArrayList<>(s.layers().subList(from, end));
    return x -> {
      Tensor h = x;
      for (Module m : ls) h = m.forward(h);
      return h;
    };
  }
}
