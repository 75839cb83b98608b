package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * The derivative of {@code cdist(x1, x2, p)}, as torch 1.13's {@code _cdist_backward}, with
 * {@code diff = x1_i - x2_j} and {@code d = out_ij}:
 * <ul>
 *   <li>p = 0: zero (a count of nonzero differences is piecewise constant);
 *   <li>p = 1: {@code sign(diff)};
 *   <li>p = 2: {@code diff / d}, written as {@code x1 * sum_j r_ij - r @ x2} with
 *       {@code r = g / d} (0 where d = 0, so coincident points get no gradient);
 *   <li>other finite p: {@code sign(diff) |diff|^(p-1) / d^(p-1)}, 0 where d = 0, and for
 *       p &lt; 1 also 0 where diff = 0 (where |diff|^(p-1) is infinite);
 *   <li>p = inf: {@code sign(diff)} on every coordinate whose |diff| equals d (ties each get
 *       the full gradient, as torch), 0 elsewhere.
 * </ul>
 * The x2 gradient is minus the same terms summed over i. Broadcast batch dims are summed back.
 */
final class CdistDerivative {
  private CdistDerivative() {}

  static Tensor[] backward(Ctx ctx, Tensor g) {
    Tensor x1 = ctx.input(0), x2 = ctx.input(1), d = ctx.output(0);
    double p = ctx.doubleParam(0);
    int[] batch = java.util.Arrays.copyOf(g.shape(), g.dim() - 2);
    int m = x1.size(-1);
    Tensor a = x1.expand(concat(batch, x1.size(-2), m)), b = x2.expand(concat(batch, x2.size(-2), m));
    Tensor ga, gb;
    if (p == 0) {
      ga = Tensor.zerosLike(a);
      gb = Tensor.zerosLike(b);
    } else if (p == 2) {
      Tensor r = safeRatio(g, d, 1);
      ga = a.mul(r.sum(new int[] {-1}, true)).sub(r.matmul(b));
      gb = b.mul(r.sum(new int[] {-2}, false).unsqueeze(-1)).sub(r.transpose(-2, -1).matmul(a));
    } else {
      Tensor diff = a.unsqueeze(-2).sub(b.unsqueeze(-3));
      Tensor gg = g.unsqueeze(-1);
      Tensor term;
      if (p == 1) {
        term = diff.sign().mul(gg);
      } else if (Double.isInfinite(p)) {
        Tensor hit = diff.abs().eq(d.unsqueeze(-1)).to(diff.dtype());
        term = diff.sign().mul(hit).mul(gg);
      } else {
        Tensor w = safeRatio(g, d, p - 1).unsqueeze(-1);
        Tensor mag = diff.abs();
        if (p < 1) mag = Tensor.where(diff.ne(0), mag, 1.0);
        term = diff.sign().mul(mag.pow(p - 1)).mul(w);
      }
      ga = term.sum(new int[] {-2}, false);
      gb = term.sum(new int[] {-3}, false).neg();
    }
    return new Tensor[] {
      ctx.needsGrad(0) ? Derivatives.sumToShape(ga, x1.shape()) : null,
      ctx.needsGrad(1) ? Derivatives.sumToShape(gb, x2.shape()) : null};
  }

  /**
   * g / d^e, 0 where d = 0. The power and the division see d with its zeros replaced by 1, so
   * no inf or NaN reaches a double backward through them.
   */
  private static Tensor safeRatio(Tensor g, Tensor d, double e) {
    Tensor nz = d.ne(0);
    Tensor safe = Tensor.where(nz, d, 1.0);
    return Tensor.where(nz, g.div(e == 1 ? safe : safe.pow(e)), 0.0);
  }

  private static int[] concat(int[] batch, int r, int c) {
    int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = r;
    s[batch.length + 1] = c;
    return s;
  }
}
