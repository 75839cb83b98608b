package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the matrix products: matmul (every torch.matmul form, batch broadcasting
 * included), mm, bmm, dot, outer, einsum ({@link EinsumDerivative}) and cdist
 * ({@link CdistDerivative}). For {@code C = A B}: {@code dA = G B^T}, {@code dB = A^T G}; all
 * written as Tensor products so the gradients are differentiable again.
 */
final class LinalgDerivatives {
  private LinalgDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("matmul", LinalgDerivatives::matmul);
    m.put("mm", (ctx, g) -> {
      Tensor a = ctx.input(0), b = ctx.input(1);
      return new Tensor[] {
        ctx.needsGrad(0) ? g.mm(b.t()) : null,
        ctx.needsGrad(1) ? a.t().mm(g) : null};
    });
    m.put("bmm", (ctx, g) -> {
      Tensor a = ctx.input(0), b = ctx.input(1);
      return new Tensor[] {
        ctx.needsGrad(0) ? g.bmm(b.transpose(1, 2)) : null,
        ctx.needsGrad(1) ? a.transpose(1, 2).bmm(g) : null};
    });
    // dot: g is 0-dim, so each gradient is the other vector scaled by g.
    m.put("dot", (ctx, g) -> new Tensor[] {
      ctx.needsGrad(0) ? ctx.input(1).mul(g) : null,
      ctx.needsGrad(1) ? ctx.input(0).mul(g) : null});
    // outer: out[i,j] = a[i] b[j]; da = G b, db = G^T a (inputs cast to g's promoted dtype).
    m.put("outer", (ctx, g) -> new Tensor[] {
      ctx.needsGrad(0) ? g.matmul(as(ctx.input(1), g)) : null,
      ctx.needsGrad(1) ? as(ctx.input(0), g).matmul(g) : null});
    m.put("einsum", EinsumDerivative::backward);
    m.put("cdist", CdistDerivative::backward);
  }

  /** x in g's dtype (a no-op, not a recorded cast, when they already agree). */
  static Tensor as(Tensor x, Tensor g) { return x.dtype() == g.dtype() ? x : x.to(g.dtype()); }

  /**
   * torch.matmul: vector operands are lifted to matrices ([K] -> [1,K] on the left, [K,1] on the
   * right) and g gets the removed unit dims back; then {@code dA = G B^T}, {@code dB = A^T G},
   * summed over the batch dims the operand was broadcast along.
   */
  private static Tensor[] matmul(Ctx ctx, Tensor g) {
    Tensor a = ctx.input(0), b = ctx.input(1);
    boolean aVec = a.dim() == 1, bVec = b.dim() == 1;
    Tensor a2 = aVec ? a.unsqueeze(0) : a;
    Tensor b2 = bVec ? b.unsqueeze(1) : b;
    Tensor g2 = g;
    if (bVec) g2 = g2.unsqueeze(g2.dim());
    if (aVec) g2 = g2.unsqueeze(g2.dim() - 1);
    Tensor ga = null, gb = null;
    if (ctx.needsGrad(0)) {
      ga = Derivatives.sumToShape(g2.matmul(b2.transpose(-2, -1)), a2.shape());
      if (aVec) ga = ga.reshape(a.shape());
    }
    if (ctx.needsGrad(1)) {
      if (b2.dim() == 2 && a2.dim() == 2 && g2.dim() == 2 && b2.stride(0) == 1 && b2.stride(1) != 1) {
        // B stored transposed (Linear's x @ W^T): dB = (G^T A)^T, so the gradient that reaches W
        // through the transpose is dense, not a transposed view whose accumulation into W.grad
        // runs strided (9-13% of an MLP step)
        gb = g2.transpose(-2, -1).matmul(a2).transpose(-2, -1);
      } else {
        gb = Derivatives.sumToShape(a2.transpose(-2, -1).matmul(g2), b2.shape());
      }
      if (bVec) gb = gb.reshape(b.shape());
    }
    return new Tensor[] {ga, gb};
  }
}
