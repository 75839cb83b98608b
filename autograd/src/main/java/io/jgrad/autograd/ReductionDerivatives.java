package io.jgrad.autograd;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the reductions over a set of dims (sum, mean, prod, max, min, var, std, norm,
 * logSumExp). Each one first restores the reduced dims of the incoming gradient ({@link #keep}:
 * unsqueeze where keepDim was false) so that it broadcasts against the input. Everything is
 * written with differentiable Tensor ops, so second derivatives come from the same tape.
 * The scans and softmax are in {@link ScanDerivatives}, the index-selecting ops (max/min along
 * a dim, sort, topk, kthvalue, median) in {@link SelectionDerivatives}.
 */
final class ReductionDerivatives {
  private ReductionDerivatives() {}

  static void register(Map<String, Derivative> m) {
    // params: (dims, keepDim) unless noted; d sum / dx = 1 (the gradient broadcast back, a view)
    m.put("sum", (ctx, g) -> new Tensor[] {expandBack(ctx, g, 0, 1)});
    m.put("mean", ReductionDerivatives::mean);
    m.put("prod", ReductionDerivatives::prod);
    m.put("max", ReductionDerivatives::extreme);
    m.put("min", ReductionDerivatives::extreme);
    // (dims, correction, keepDim)
    m.put("var", (ctx, g) -> new Tensor[] {varBackward(ctx.input(0), keep(g, ctx, 0, 2), dims(ctx, 0), ctx.intParam(1))});
    m.put("std", ReductionDerivatives::std);
    m.put("norm", NormDerivative::backward); // (p, dims, keepDim)
    m.put("logSumExp", ReductionDerivatives::logSumExp);
    ScanDerivatives.register(m);
    SelectionDerivatives.register(m);
  }

  // ---- helpers shared by the reduction families --------------------------------------------

  /** The recorded dims (param {@code dimsParam}) normalised against input 0; empty = all. */
  static int[] dims(Ctx ctx, int dimsParam) {
    return Shapes.dims(ctx.op(), ctx.intsParam(dimsParam), ctx.input(0).dim());
  }

  /** t (reduced over sorted, normalised dims) with the reduced dims back as size 1. */
  static Tensor keep(Tensor t, int[] dims, boolean keepDim) {
    if (keepDim) return t;
    Tensor r = t;
    for (int d : dims) r = r.unsqueeze(d);
    return r;
  }

  /** keep() for an op whose params are (dims at dimsParam, ..., keepDim at keepParam). */
  static Tensor keep(Tensor t, Ctx ctx, int dimsParam, int keepParam) {
    return keep(t, dims(ctx, dimsParam), ctx.boolParam(keepParam));
  }

  /** The gradient broadcast back to the input's shape (the derivative of sum). */
  static Tensor expandBack(Ctx ctx, Tensor g, int dimsParam, int keepParam) {
    return keep(g, ctx, dimsParam, keepParam).expand(ctx.input(0).shape());
  }

  /** How many elements each output element reduces over. */
  static long count(int[] shape, int[] dims) {
    long n = 1;
    for (int d : dims) n *= shape[d];
    return n;
  }

  // ---- derivatives -------------------------------------------------------------------------

  /** d mean / dx = 1/N for each of the N reduced elements. */
  private static Tensor[] mean(Ctx ctx, Tensor g) {
    long n = count(ctx.input(0).shape(), dims(ctx, 0));
    return new Tensor[] {expandBack(ctx, g, 0, 1).div((double) n)};
  }

  /**
   * d prod / dx_k = product of the other reduced elements. Without zeros that is
   * prod / x_k (torch's fast path); with zeros it is computed as an exclusive prefix product
   * times an exclusive suffix product over the flattened reduced dims, which is exact for one
   * zero (the zero gets the product of the rest) and several (all zero), as torch.
   */
  private static Tensor[] prod(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0);
    int[] dims = dims(ctx, 0);
    Tensor gk = keep(g, dims, ctx.boolParam(1));
    if (x.dim() == 0) return new Tensor[] {gk};
    boolean zeros;
    try (Tensor z = x.eq(0); Tensor any = z.any()) {
      zeros = any.item() != 0;
    }
    if (!zeros) {
      Tensor y = keep(ctx.output(0), dims, ctx.boolParam(1));
      return new Tensor[] {gk.mul(y.div(x))};
    }
    return new Tensor[] {gk.mul(productOfOthers(x, dims))};
  }

  /** For each element, the product of the other elements of its reduction group. */
  static Tensor productOfOthers(Tensor x, int[] dims) {
    int rank = x.dim();
    int[] perm = new int[rank];
    int[] permShape = new int[rank];
    boolean[] red = new boolean[rank];
    for (int d : dims) red[d] = true;
    int j = 0;
    for (int d = 0; d < rank; d++) if (!red[d]) perm[j++] = d;
    for (int d : dims) perm[j++] = d;
    for (int i = 0; i < rank; i++) permShape[i] = x.shape()[perm[i]];
    int kept = rank - dims.length;
    // [kept..., n]: the reduced dims flattened last
    Tensor flat = x.permute(perm).flatten(kept, rank - 1);
    int last = flat.dim() - 1;
    int n = flat.size(last);
    Tensor others;
    if (n <= 1) {
      others = Tensor.onesLike(flat);
    } else {
      // exclusive prefix: [1, x0, x0 x1, ...]; exclusive suffix: [..., x_{n-1}, 1]
      Tensor onesCol = Tensor.onesLike(flat.narrow(last, 0, 1));
      Tensor prefix = Tensor.cat(java.util.List.of(onesCol, flat.narrow(last, 0, n - 1).cumprod(last)), last);
      Tensor suffix = Tensor.cat(java.util.List.of(flat.narrow(last, 1, n - 1).flip(last).cumprod(last).flip(last), onesCol), last);
      others = prefix.mul(suffix);
    }
    Tensor back = others.reshape(permShape);
    int[] inv = new int[rank];
    for (int i = 0; i < rank; i++) inv[perm[i]] = i;
    return back.permute(inv);
  }

  /**
   * max/min over dims: the gradient is split evenly among the elements equal to the result
   * (torch's amax/amin and max(); a NaN result sends it to the NaN elements).
   */
  private static Tensor[] extreme(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0);
    int[] dims = dims(ctx, 0);
    boolean keepDim = ctx.boolParam(1);
    Tensor y = keep(ctx.output(0), dims, keepDim);
    Tensor mask = x.eq(y).logicalOr(x.isnan().logicalAnd(y.isnan())).to(x.dtype());
    Tensor count = dims.length == 0 ? mask : mask.sum(dims, true);
    return new Tensor[] {keep(g, dims, keepDim).div(count).mul(mask)};
  }

  /** d var / dx = 2 (x - mean) / (N - correction), times the (kept-dims) gradient gk. */
  static Tensor varBackward(Tensor x, Tensor gk, int[] dims, int correction) {
    long n = count(x.shape(), dims);
    Tensor centered = dims.length == 0 ? x.sub(x) : x.sub(x.mean(dims, true));
    return centered.mul(gk).mul(2.0 / (double) (n - correction));
  }

  /** d std = d var / (2 std); zero where std is 0, as torch. */
  private static Tensor[] std(Ctx ctx, Tensor g) {
    int[] dims = dims(ctx, 0);
    boolean keepDim = ctx.boolParam(2);
    Tensor y = keep(ctx.output(0), dims, keepDim);
    Tensor gv = Tensor.where(y.ne(0), keep(g, dims, keepDim).div(y.mul(2.0)), 0.0);
    return new Tensor[] {varBackward(ctx.input(0), gv, dims, ctx.intParam(1))};
  }

  /** d logsumexp / dx = exp(x - lse): 0 at -inf entries (NaN only when the whole group is -inf, as torch). */
  private static Tensor[] logSumExp(Ctx ctx, Tensor g) {
    int[] dims = dims(ctx, 0);
    boolean keepDim = ctx.boolParam(1);
    Tensor y = keep(ctx.output(0), dims, keepDim);
    return new Tensor[] {keep(g, dims, keepDim).mul(ctx.input(0).sub(y).exp())};
  }
}
