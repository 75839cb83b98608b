package io.jgrad.autograd;

import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the convolutions (conv1d, conv2d, convTranspose2d). Each gradient is itself a
 * convolution, so the results are differentiable again (gradient penalties on conv nets):
 * <ul>
 *   <li>conv2d, input: the transposed convolution of g with the same weight, with the output
 *       padding {@code (H + 2p - d(k-1) - 1) mod s} that restores the rows a strided window skipped;
 *   <li>conv2d, weight: a convolution of x (batch and channels swapped) with g as its kernel,
 *       stride and dilation exchanged, cut to the kernel size;
 *   <li>convTranspose2d: the same two roles swapped (its input gradient is a conv2d of g);
 *   <li>bias: g summed over every dim but the channel.
 * </ul>
 * conv1d runs through the conv2d formulas on height-1 images. The pooling derivatives are in
 * {@link PoolDerivatives}.
 */
final class ConvDerivatives {
  private ConvDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("conv2d", (ctx, g) -> conv2d(ctx, g, ctx.input(0), ctx.input(1), dims(ctx.param(0), 1),
        dims(ctx.param(1), 0), dims(ctx.param(2), 1), ctx.intParam(3)));
    m.put("conv1d", ConvDerivatives::conv1d);
    // unfold2d and fold2d are each other's adjoints.
    m.put("unfold2d", (ctx, g) -> {
      int[] in = ctx.inputShape(0);
      int[] size = {in[in.length - 2], in[in.length - 1]};
      return new Tensor[] {g.fold2d(size, (int[]) ctx.param(0), (int[]) ctx.param(1), (int[]) ctx.param(2), (int[]) ctx.param(3))};
    });
    m.put("fold2d", (ctx, g) -> new Tensor[] {
        g.unfold2d((int[]) ctx.param(1), (int[]) ctx.param(2), (int[]) ctx.param(3), (int[]) ctx.param(4))});
    m.put("convTranspose2d", ConvDerivatives::convTranspose2d);
    PoolDerivatives.register(m);
  }

  /** A per-dim argument as two values: null means dflt, one value is repeated (as ConvArgs.perDim). */
  static int[] dims(Object v, int dflt) {
    int[] a = (int[]) v;
    if (a == null || a.length == 0) return new int[] {dflt, dflt};
    if (a.length == 1) return new int[] {a[0], a[0]};
    return a.clone();
  }

  private static Tensor[] conv1d(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0), w = ctx.input(1);
    int s = ctx.intParam(0), p = ctx.intParam(1), d = ctx.intParam(2), groups = ctx.intParam(3);
    if (x.numel() == 0) return empty(ctx, g.dtype());
    Tensor[] r = conv2d(ctx, g.unsqueeze(-2), x.unsqueeze(-2), w.unsqueeze(2), new int[] {1, s}, new int[] {0, p},
        new int[] {1, d}, groups);
    if (r[0] != null) r[0] = r[0].squeeze(-2);
    if (r[1] != null) r[1] = r[1].squeeze(2);
    return r;
  }

  /** Gradients of conv2d(x, w, bias) for g; x may be unbatched. */
  private static Tensor[] conv2d(Ctx ctx, Tensor g, Tensor x, Tensor w, int[] s, int[] p, int[] d, int groups) {
    if (x.numel() == 0) return empty(ctx, g.dtype());
    boolean unbatched = x.dim() == 3;
    Tensor xb = unbatched ? x.unsqueeze(0) : x, gb = unbatched ? g.unsqueeze(0) : g;
    Tensor gx = null, gw = null, gbias = null;
    if (ctx.needsGrad(0)) {
      int[] k = {w.size(2), w.size(3)};
      int[] outPad = new int[2];
      for (int i = 0; i < 2; i++) outPad[i] = Math.floorMod(xb.size(2 + i) + 2 * p[i] - d[i] * (k[i] - 1) - 1, s[i]);
      gx = gb.convTranspose2d(w, null, s, p, outPad, groups, d);
      if (unbatched) gx = gx.squeeze(0);
    }
    if (ctx.needsGrad(1)) gw = weightGrad(xb, gb, w.shape(), s, p, d, groups);
    if (ctx.inputCount() > 2 && ctx.needsGrad(2)) gbias = biasGrad(g, unbatched);
    return new Tensor[] {gx, gw, gbias};
  }

  /**
   * {@code dW[o, c, ky, kx] = sum_{n,y,x} g[n, o, y, x] * xpad[n, G*C/groups + c, y*s + ky*d, x*s + kx*d]}:
   * a grouped conv2d of x viewed as [C/groups, groups*N, H, W] with g viewed as
   * [O, N, oH, oW], stride d and dilation s, cut to the kernel and permuted to [O, C/groups, kH, kW].
   */
  private static Tensor weightGrad(Tensor x, Tensor g, int[] wShape, int[] s, int[] p, int[] d, int groups) {
    int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
    if (groups == 1) return weightGradColumns(x, g, wShape, s, p, d);
    Tensor xs = x.reshape(n, groups, c / groups, h, wd).permute(2, 1, 0, 3, 4).reshape(c / groups, groups * n, h, wd);
    Tensor gs = g.transpose(0, 1);
    Tensor r = xs.conv2d(gs, null, d, p, s, groups);
    if (r.size(2) != wShape[2]) r = r.narrow(2, 0, wShape[2]);
    if (r.size(3) != wShape[3]) r = r.narrow(3, 0, wShape[3]);
    return r.transpose(0, 1);
  }

  /**
   * Ungrouped weight gradient as one batched matmul and a sum over the batch:
   * {@code dW[O, C*kH*kW]^T = sum_n unfold(x)[n] [C*kH*kW, L] @ g[n]^T [L, O]}, L = oH*oW. Both
   * operands are views (no transposing copy of the columns or of g): the column matrix is packed
   * along its contiguous rows, and only g's small [L, O] panel is read strided. The grouped-conv
   * formulation above makes the output gradient a kH' = oH kernel, whose im2col moves runs of kH
   * elements (12x slower).
   */
  private static Tensor weightGradColumns(Tensor x, Tensor g, int[] wShape, int[] s, int[] p, int[] d) {
    int n = x.size(0), o = wShape[0];
    Tensor cols = x.unfold2d(new int[] {wShape[2], wShape[3]}, d, p, s);
    int l = cols.size(2);
    Tensor gt = g.reshape(n, o, l).transpose(1, 2);
    return cols.matmul(gt).sum(new int[] {0}, false).t().reshape(wShape);
  }

  /** An empty batch: the output is empty, so every gradient is zero (a constant, as torch's). */
  private static Tensor[] empty(Ctx ctx, io.jgrad.tensor.DType dtype) {
    Tensor[] r = new Tensor[3];
    for (int i = 0; i < Math.min(3, ctx.inputCount()); i++) {
      if (ctx.needsGrad(i)) r[i] = Tensor.full(ctx.input(i).shape(), 0, dtype, ctx.input(i).device());
    }
    return r;
  }

  private static Tensor biasGrad(Tensor g, boolean unbatched) {
    int r = g.dim();
    int[] dims = new int[r - 1];
    for (int i = 0, j = 0; i < r; i++) if (i != (unbatched ? 0 : 1)) dims[j++] = i;
    return g.sum(dims, false);
  }

  /**
   * convTranspose2d(x, w [C, O/groups, kH, kW]): input gradient = conv2d(g, w) (cut to H when an
   * output padding not below the stride added rows), weight gradient = a grouped conv2d of g
   * viewed as [O/groups, groups*N, oH, oW] with x viewed as [C, N, H, W], stride d and dilation s.
   */
  private static Tensor[] convTranspose2d(Ctx ctx, Tensor g) {
    Tensor x = ctx.input(0), w = ctx.input(1);
    int[] s = dims(ctx.param(0), 1), p = dims(ctx.param(1), 0), d = dims(ctx.param(4), 1);
    int groups = ctx.intParam(3);
    if (x.numel() == 0) return empty(ctx, g.dtype());
    boolean unbatched = x.dim() == 3;
    Tensor xb = unbatched ? x.unsqueeze(0) : x, gb = unbatched ? g.unsqueeze(0) : g;
    Tensor gx = null, gw = null, gbias = null;
    if (ctx.needsGrad(0)) {
      gx = gb.conv2d(w, null, s, p, d, groups);
      if (gx.size(2) != xb.size(2)) gx = gx.narrow(2, 0, xb.size(2));
      if (gx.size(3) != xb.size(3)) gx = gx.narrow(3, 0, xb.size(3));
      if (unbatched) gx = gx.squeeze(0);
    }
    if (ctx.needsGrad(1)) {
      int n = xb.size(0), o = gb.size(1), oh = gb.size(2), ow = gb.size(3);
      Tensor gs = gb.reshape(n, groups, o / groups, oh, ow).permute(2, 1, 0, 3, 4).reshape(o / groups, groups * n, oh, ow);
      Tensor r = gs.conv2d(xb.transpose(0, 1), null, d, p, s, groups);
      if (r.size(2) != w.size(2)) r = r.narrow(2, 0, w.size(2));
      if (r.size(3) != w.size(3)) r = r.narrow(3, 0, w.size(3));
      gw = r.transpose(0, 1);
    }
    if (ctx.inputCount() > 2 && ctx.needsGrad(2)) gbias = biasGrad(g, unbatched);
    return new Tensor[] {gx, gw, gbias};
  }
}
