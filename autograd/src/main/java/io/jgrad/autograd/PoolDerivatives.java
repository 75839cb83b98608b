package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.PadMode;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the pooling ops.
 * <ul>
 *   <li>maxPool2d / maxPool1d: g goes to the input position each window chose (torch's index,
 *       the first maximum in scan order), accumulated where windows overlap: a scatterAdd of g
 *       into zero planes at the saved flat indices (maxPool1d recomputes them).
 *   <li>avgPool1d / avgPool2d: g divided by each window's count (torch's divisor: the window
 *       clipped to the padded input with countIncludePad, else to the input), spread over the
 *       window by a depthwise transposed convolution with a ones kernel.
 *   <li>adaptiveAvgPool2d: bins [floor(o*in/out), ceil((o+1)*in/out)) are separable, so the op
 *       is {@code out = A_h x A_w^T} per plane with constant {@code A[o, i] = 1/size(bin o)};
 *       the gradient is {@code A_h^T g A_w}, two matmuls.
 * </ul>
 * All are linear in g with constant indices or weights, so they are differentiable again (the
 * second derivative in x is zero).
 */
final class PoolDerivatives {
  private PoolDerivatives() {}

  static void register(Map<String, Derivative> m) {
    m.put("maxPool2d", (ctx, g) -> new Tensor[] {scatterPlanes(ctx.input(0), ctx.output(1), g, 2)});
    m.put("maxPool1d", (ctx, g) -> {
      Tensor x = ctx.input(0);
      int k = ctx.intParam(0), s = ctx.intParam(1), p = ctx.intParam(2), d = ctx.intParam(3);
      boolean ceil = ctx.boolParam(4);
      // the op keeps no indices: recompute them (on a detached input: they are constants)
      Tensor idx = x.detach().unsqueeze(-2).maxPool2dWithIndices(new int[] {1, k}, new int[] {1, s},
          new int[] {0, p}, new int[] {1, d}, ceil).indices().squeeze(-2);
      return new Tensor[] {scatterPlanes(x, idx, g, 1)};
    });
    m.put("avgPool2d", (ctx, g) -> {
      int[] k = ConvDerivatives.dims(ctx.param(0), 1);
      int[] p = ConvDerivatives.dims(ctx.param(2), 0);
      return new Tensor[] {avgGrad(ctx.input(0), g, k, strides(ctx.param(1), k), p, ctx.boolParam(4))};
    });
    m.put("avgPool1d", (ctx, g) -> {
      Tensor x = ctx.input(0);
      int k = ctx.intParam(0), s = ctx.intParam(1);
      Tensor r = avgGrad(x.unsqueeze(-2), g.unsqueeze(-2), new int[] {1, k}, new int[] {1, s <= 0 ? k : s},
          new int[] {0, ctx.intParam(2)}, ctx.boolParam(4));
      return new Tensor[] {r.squeeze(-2)};
    });
    m.put("adaptiveAvgPool2d", (ctx, g) -> {
      Tensor x = ctx.input(0);
      Tensor ah = adaptiveMatrix(g.size(-2), x.size(-2), g);
      Tensor aw = adaptiveMatrix(g.size(-1), x.size(-1), g);
      return new Tensor[] {ah.t().matmul(g).matmul(aw)};
    });
  }

  /** The pooling stride: an empty or null array means the kernel (torch's default). */
  private static int[] strides(Object v, int[] kernel) {
    int[] a = (int[]) v;
    return a == null || a.length == 0 ? kernel.clone() : ConvDerivatives.dims(a, 1);
  }

  /** Zeros shaped like x with g added at the flat in-plane indices idx (x has `spatial` pooled dims). */
  private static Tensor scatterPlanes(Tensor x, Tensor idx, Tensor g, int spatial) {
    int[] xs = x.shape();
    int planes = 1, plane = 1;
    for (int i = 0; i < xs.length; i++) {
      if (i < xs.length - spatial) planes *= xs[i];
      else plane *= xs[i];
    }
    int cols = planes == 0 ? 0 : idx.numel() / planes;
    Tensor zeros = Tensor.full(new int[] {planes, plane}, 0, g.dtype(), g.device());
    return zeros.scatterAdd(1, idx.reshape(planes, cols), g.reshape(planes, cols)).reshape(xs);
  }

  /**
   * The avg-pool gradient: g scaled by 1/count of its window, then spread over the window as a
   * depthwise transposed convolution with a ones kernel (cost O(outputs * kernel), linear in g,
   * so differentiable again). The transposed convolution covers input positions
   * {@code -p .. (o-1)s + k - p - 1}; it is cut to the input, and zero-padded on the right
   * where the last windows end before the input does (floor mode).
   */
  private static Tensor avgGrad(Tensor x, Tensor g, int[] k, int[] s, int[] p, boolean countIncludePad) {
    if (g.numel() == 0) return Tensor.full(x.shape(), 0, g.dtype(), g.device());
    boolean unbatched = x.dim() == 3;
    Tensor gb = unbatched ? g.unsqueeze(0) : g;
    int c = gb.size(1), oh = gb.size(2), ow = gb.size(3), h = x.size(-2), w = x.size(-1);
    double[] ih = inverseCounts(oh, h, k[0], s[0], p[0], countIncludePad);
    double[] iw = inverseCounts(ow, w, k[1], s[1], p[1], countIncludePad);
    double[] scale = new double[oh * ow];
    for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) scale[i * ow + j] = ih[i] * iw[j];
    Tensor ones = Tensor.full(new int[] {c, 1, k[0], k[1]}, 1, g.dtype(), g.device());
    Tensor t = gb.mul(matrix(scale, oh, ow, g))
        .convTranspose2d(ones, null, s, new int[] {0, 0}, new int[] {0, 0}, c, new int[] {1, 1});
    t = fit(fit(t, 2, p[0], h), 3, p[1], w);
    return unbatched ? t.squeeze(0) : t;
  }

  /** The input rows 0 .. in-1 of t, whose index 0 is input position -p (zero rows past its end). */
  private static Tensor fit(Tensor t, int dim, int p, int in) {
    int e = t.size(dim);
    if (e - p >= in) return p == 0 && e == in ? t : t.narrow(dim, p, in);
    Tensor r = p == 0 ? t : t.narrow(dim, p, e - p);
    int[] pad = dim == 3 ? new int[] {0, in - (e - p)} : new int[] {0, 0, 0, in - (e - p)};
    return r.pad(pad, PadMode.CONSTANT, 0);
  }

  /**
   * 1/count(o) for each window o (o*s - p .. o*s - p + k - 1), count as torch's avg_pool: the
   * window clipped to the padded input (never past in + p) with countIncludePad, else the
   * number of input positions it covers.
   */
  static double[] inverseCounts(int out, int in, int k, int s, int p, boolean countIncludePad) {
    double[] r = new double[out];
    for (int o = 0; o < out; o++) {
      int start = o * s - p, end = Math.min(start + k, in + p);
      int count = countIncludePad ? end - start : Math.min(end, in) - Math.max(start, 0);
      r[o] = 1.0 / count;
    }
    return r;
  }

  /** Adaptive bins: output o averages inputs floor(o*in/out) .. ceil((o+1)*in/out) - 1. */
  static Tensor adaptiveMatrix(int out, int in, Tensor like) {
    double[] a = new double[out * in];
    for (int o = 0; o < out; o++) {
      int lo = (int) ((long) o * in / out), hi = (int) (((long) (o + 1) * in + out - 1) / out);
      for (int i = lo; i < hi; i++) a[o * in + i] = 1.0 / (hi - lo);
    }
    return matrix(a, out, in, like);
  }

  /** A host-computed constant matrix in like's dtype, uploaded to like's device. */
  private static Tensor matrix(double[] a, int rows, int cols, Tensor like) {
    Tensor t = IndexingDerivatives.onDevice(Tensor.fromArray(a, rows, cols), like.device());
    return like.dtype() == DType.FLOAT64 ? t : t.to(like.dtype());
  }
}
