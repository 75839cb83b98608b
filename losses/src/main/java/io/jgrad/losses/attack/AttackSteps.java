package io.jgrad.losses.attack;

import io.jgrad.autograd.Autograd;
import io.jgrad.nn.Module;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.BiFunction;

/** The pieces of a gradient attack: the input gradient, a step, the projection onto the eps ball, the random start. */
final class AttackSteps {
  /** Added to gradient norms before dividing, as torchattacks' eps_for_division. */
  static final double DIVISION_EPS = 1e-10;

  private AttackSteps() {}

  /** d loss(model(x), y) / d x, without touching any parameter's grad(). */
  static Tensor inputGradient(String who, Module model, Tensor x, Tensor y, BiFunction<Tensor, Tensor, Tensor> lossFn) {
    Tensor xa = x.detach().requiresGrad(true);
    Tensor loss = lossFn.apply(model.call(xa), y);
    if (loss == null || loss.numel() != 1) {
      throw new IllegalArgumentException(who + ": the loss must be a scalar, got " + (loss == null ? "null" : Shapes.str(loss.shape())));
    }
    if (!loss.requiresGrad()) return Tensor.zerosLike(x);
    Tensor g = Autograd.grad(List.of(loss), List.of(xa), null, false, false, true).get(0);
    return g == null ? Tensor.zerosLike(x) : g;
  }

  /** One ascent step of size alpha along g: sign(g) (L-inf) or g / ||g||_2 per example (L2). */
  static Tensor step(Norm norm, Tensor x, Tensor g, double alpha) {
    if (norm == Norm.LINF) return x.add(g.sign().mul(alpha));
    return x.add(g.div(perExampleNorm(g).add(DIVISION_EPS)).mul(alpha));
  }

  /** delta projected onto the eps ball: clamp (L-inf) or scaled by min(1, eps / ||delta||_2) (L2). */
  static Tensor project(Norm norm, Tensor delta, double eps) {
    if (norm == Norm.LINF) return delta.clamp(-eps, eps);
    Tensor n = perExampleNorm(delta);
    // eps / 0 = inf -> factor 1 (a zero delta stays zero); eps = 0 gives 0, not NaN.
    Tensor factor = Tensor.fullLike(n, eps).div(n).clampMax(1.0);
    if (eps == 0) factor = Tensor.zerosLike(n);
    return delta.mul(factor);
  }

  /** L-inf: U(-eps, eps); L2: eps r n / ||n||_2, n ~ N(0, I), r ~ U(0, 1) per example. On x's device and dtype. */
  static Tensor randomStart(Norm norm, double eps, Tensor x, Generator g) {
    int[] shape = x.shape();
    Tensor d;
    if (norm == Norm.LINF) {
      d = Tensor.rand(g, x.dtype(), shape).mul(2 * eps).sub(eps);
    } else {
      Tensor n = Tensor.randn(g, x.dtype(), shape);
      int[] rs = new int[shape.length];
      java.util.Arrays.fill(rs, 1);
      rs[0] = shape[0];
      Tensor r = Tensor.rand(g, x.dtype(), rs);
      d = n.div(perExampleNorm(n)).mul(r).mul(eps);
    }
    return d.to(x.device());
  }

  /** ||t_b||_2 over every dimension but the first, kept as [B, 1, ..., 1] for broadcasting. */
  static Tensor perExampleNorm(Tensor t) {
    int[] dims = new int[t.dim() - 1];
    for (int i = 0; i < dims.length; i++) dims[i] = i + 1;
    if (dims.length == 0) return t.abs();
    return t.norm(2, dims, true);
  }
}
