package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/** Derivatives of the ops along one dim that keep the shape: cumsum, cumprod, softmax, logSoftmax. */
final class ScanDerivatives {
  private ScanDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("cumsum", (ctx, g) -> {
      Tensor x = ctx.input(0);
      return new Tensor[] {x.dim() == 0 ? g : reverseCumsum(g, dim(ctx))};
    });
    m.put("cumprod", ScanDerivatives::cumprod);
    m.put("softmax", ScanDerivatives::softmax);
    m.put("logSoftmax", ScanDerivatives::logSoftmax);
  }

  private static int dim(Ctx ctx) { return Shapes.dim(ctx.op(), ctx.intParam(0), ctx.input(0).dim()); }

  /** sum over j >= i of t_j along dim: the adjoint of cumsum. */
  static Tensor reverseCumsum(Tensor t, int dim) { return t.flip(dim).cumsum(dim).flip(dim); }

  /**
   * dy_j / dx_k = prod_{i <= j, i != k} x_i for j >= k. Without zeros in x this is
   * reverseCumsum(y g) / x (torch's fast path). With zeros, as torch: a first-order backward
   * (recording off) takes the O(n) path of {@link #cumprodZerosFirstOrder}; with createGraph the
   * result must itself be differentiable, so it is evaluated as torch's double-backward path
   * does: for each k, the cumprod of x with x_k replaced by 1, masked to j >= k and contracted
   * with g (O(n^2) along dim).
   */
  private static Tensor[] cumprod(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0);
    if (x.dim() == 0 || x.size(dim(ctx)) <= 1) return new Tensor[] {g};
    int dim = dim(ctx);
    boolean zeros;
    try (Tensor z = x.eq(0); Tensor any = z.any()) {
      zeros = any.item() != 0;
    }
    if (!zeros) return new Tensor[] {reverseCumsum(ctx.output(0).mul(g), dim).div(x)};
    if (!GradMode.isEnabled()) return new Tensor[] {cumprodZerosFirstOrder(x, ctx.output(0), g, dim)};
    int n = x.size(dim);
    Tensor xt = x.movedim(dim, -1).unsqueeze(-2);                // [..., 1, n]
    Tensor gt = g.movedim(dim, -1).unsqueeze(-2);                // [..., 1, n]
    Tensor eye = IndexingDerivatives.onDevice(Tensor.eye(n, n, DType.BOOL), x.device()); // [k, i]: i == k
    Tensor upper = Tensor.full(new int[] {n, n}, 1, DType.BOOL, x.device()).triu(0); // [k, j]: j >= k
    Tensor omit = Tensor.where(eye.logicalNot(), xt, 1.0);       // [..., k, i]: x_i, 1 at i == k
    Tensor partial = omit.cumprod(-1);                           // prod_{i <= j, i != k} x_i
    Tensor gk = Tensor.where(upper, partial.mul(gt), 0.0).sum(new int[] {-1}, false); // [..., n]
    return new Tensor[] {gk.movedim(-1, dim)};
  }

  /**
   * The cumprod gradient with zeros in O(n), not differentiable itself (torch's no-grad path).
   * Along dim, with z1 the first zero: before z1 the fast formula holds (y_j = 0 from z1 on, so
   * the sum stops there by itself); at z1 it is prod(x before z1) * sum over j in [z1, z2) of
   * g_j prod(x in (z1, j]); after z1 every y_j that depends on x_k already contains x_z1 = 0.
   */
  private static Tensor cumprodZerosFirstOrder(Tensor x, Tensor y, Tensor g, int dim) {
    Tensor isZero = x.eq(0);
    Tensor zerosSoFar = isZero.cumsum(dim);
    Tensor before = zerosSoFar.eq(0);
    Tensor beforePart = Tensor.where(before, reverseCumsum(y.mul(g), dim).div(x), 0.0);
    Tensor segment = zerosSoFar.eq(1);
    Tensor firstZero = segment.logicalAnd(isZero);
    Tensor inSegmentAfter = segment.logicalAnd(isZero.logicalNot());
    Tensor tailProducts = Tensor.where(inSegmentAfter, x, 1.0).cumprod(dim);   // prod of x in (z1, j]
    Tensor s = Tensor.where(segment, tailProducts.mul(g), 0.0).sum(new int[] {dim}, true);
    Tensor head = Tensor.where(before, x, 1.0).prod(new int[] {dim}, true);   // prod of x before z1
    return beforePart.add(Tensor.where(firstZero, s.mul(head), 0.0));
  }

  /** d softmax: y (g - sum(g y)), y the saved output. */
  private static Tensor[] softmax(Ctx ctx, Tensor g) {
    Tensor y = ctx.output(0);
    if (y.dim() == 0) return new Tensor[] {g.mul(0.0)};
    int dim = dim(ctx);
    Tensor gy = g.mul(y);
    return new Tensor[] {gy.sub(y.mul(gy.sum(new int[] {dim}, true)))};
  }

  /** d logSoftmax: g - exp(y) sum(g), y the saved output. */
  private static Tensor[] logSoftmax(Ctx ctx, Tensor g) {
    Tensor y = ctx.output(0);
    if (y.dim() == 0) return new Tensor[] {g.mul(0.0)};
    int dim = dim(ctx);
    return new Tensor[] {g.sub(y.exp().mul(g.sum(new int[] {dim}, true)))};
  }
}
