package io.jgrad.autograd;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the ops that select elements: max/min along a dim, sort, topk, kthvalue and
 * median along a dim send the gradient to the element at the recorded index
 * ({@code ctx.output(1)}; among ties that is the one the forward picked). median() of all
 * elements has no index: like torch 1.13 it splits the gradient evenly among the elements
 * equal to the median.
 */
final class SelectionDerivatives {
  private SelectionDerivatives() {}

  static void register(Map<String, Derivative> m) {
    // params: (dim, keepDim)
    m.put("maxDim", (ctx, g) -> scatterBack(ctx, g, 0, ctx.boolParam(1)));
    m.put("minDim", (ctx, g) -> scatterBack(ctx, g, 0, ctx.boolParam(1)));
    m.put("medianDim", (ctx, g) -> scatterBack(ctx, g, 0, ctx.boolParam(1)));
    // (dim, descending): values have the input's shape
    m.put("sort", (ctx, g) -> scatterBack(ctx, g, 0, true));
    // (k, dim, largest, sorted): k values along dim
    m.put("topk", (ctx, g) -> scatterBack(ctx, g, 1, true));
    // (k, dim, keepDim)
    m.put("kthvalue", (ctx, g) -> scatterBack(ctx, g, 1, ctx.boolParam(2)));
    m.put("median", SelectionDerivatives::median);
  }

  /** zeros(x.shape).scatter(dim, indices, g), after restoring dim when keepDim was false. */
  private static Tensor[] scatterBack(Ctx ctx, Tensor g, int dimParam, boolean keepDim) {
    Tensor x = ctx.input(0);
    if (x.dim() == 0) return new Tensor[] {g};
    int dim = Shapes.dim(ctx.op(), ctx.intParam(dimParam), x.dim());
    Tensor idx = ctx.output(1);
    Tensor gk = g;
    if (!keepDim) {
      idx = idx.unsqueeze(dim);
      gk = g.unsqueeze(dim);
    }
    return new Tensor[] {Tensor.zerosLike(x).scatter(dim, idx, gk)};
  }

  /** median(): the gradient split evenly among the elements equal to the median (torch 1.13). */
  private static Tensor[] median(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0);
    Tensor y = ctx.output(0);
    Tensor mask = x.eq(y).logicalOr(x.isnan().logicalAnd(y.isnan())).to(x.dtype());
    return new Tensor[] {g.div(mask.sum()).mul(mask)};
  }
}
