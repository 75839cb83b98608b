package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;

/**
 * The derivative of {@code norm(p, dims, keepDim)}, torch 1.13's {@code norm_backward}:
 * <ul>
 *   <li>p = 0 (a count): zero gradient;</li>
 *   <li>p = 1: sign(x) (0 at x = 0);</li>
 *   <li>p = 2: x / ||x||, 0 where the norm is 0 (the subgradient torch picks);</li>
 *   <li>p = +-inf: sign(x), split evenly among the elements whose |x| equals the norm;</li>
 *   <li>p &lt; 1: sign(x) |x|^(p-1) ||x||^(1-p), 0 at x = 0;</li>
 *   <li>1 &lt; p &lt; 2: sign(x) |x|^(p-1) / ||x||^(p-1), 0 where the norm is 0;</li>
 *   <li>p &gt; 2: x |x|^(p-2) / ||x||^(p-1), 0 where the norm is 0.</li>
 * </ul>
 */
final class NormDerivative {
  private NormDerivative() {}

  static Tensor[] backward(Ctx ctx, Tensor grad) {
    Tensor x = ctx.input(0);
    double p = ctx.doubleParam(0);
    int[] dims = ReductionDerivatives.dims(ctx, 1);
    boolean keepDim = ctx.boolParam(2);
    Tensor g = ReductionDerivatives.keep(grad, dims, keepDim);
    Tensor norm = ReductionDerivatives.keep(ctx.output(0), dims, keepDim);
    Tensor r;
    if (p == 0) {
      r = Tensor.zerosLike(x);
    } else if (p == 1) {
      r = x.sign().mul(g);
    } else if (p == 2) {
      r = g.mul(Tensor.where(norm.ne(0), x.div(norm), 0.0));
    } else if (Double.isInfinite(p)) {
      Tensor ax = x.abs();
      Tensor mask = ax.eq(norm).logicalOr(ax.isnan()).to(x.dtype());
      Tensor count = dims.length == 0 ? mask : mask.sum(dims, true);
      r = x.sign().mul(g.div(count).mul(mask));
    } else if (p < 1) {
      Tensor scaled = Tensor.where(x.ne(0), x.sign().mul(x.abs().pow(p - 1)), 0.0);
      r = scaled.mul(g).mul(norm.pow(1 - p));
    } else {
      Tensor scaled = p < 2 ? x.sign().mul(x.abs().pow(p - 1)) : x.mul(x.abs().pow(p - 2));
      Tensor scale = Tensor.where(norm.ne(0), g.div(norm.pow(p - 1)), 0.0);
      r = scaled.mul(scale);
    }
    return new Tensor[] {r.dim() == x.dim() && java.util.Arrays.equals(r.shape(), x.shape()) ? r : r.expand(x.shape())};
  }
}
