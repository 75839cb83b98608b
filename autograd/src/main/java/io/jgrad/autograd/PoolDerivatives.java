package io.jgrad.autograd;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Derivatives of the pooling ops.
 * <ul>
 *   <li>maxPool2d / maxPool1d: g goes to the input position each window chose (torch's index,
 *       the first maximum in scan order), accumulated where windows overlap: a scatterAdd of g
 *       into zero planes at the saved flat indices (maxPool1d recomputes them).
 *   <li>avgPool1d / avgPool2d / adaptiveAvgPool2d: the windows and divisors are separable, so
 *       the op is {@code out = A_h x A_w^T} per plane with constant matrices
 *       {@code A[o, i] = 1/count(o)} over the inputs of window o; the gradient is
 *       {@code A_h^T g A_w}: two matmuls, linear in g (the second derivative in x is zero).
 *       Divisors follow torch: with countIncludePad the window clipped to the padded input,
 *       else clipped to the input; adaptive bins are [floor(oH*i/o), ceil(oH*(i+1)/o)).
 * </ul>
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
      Tensor x = ctx.input(0);
      int[] k = ConvDerivatives.dims(ctx.param(0), 1);
      int[] s = strides(ctx.param(1), k);
      int[] p = ConvDerivatives.dims(ctx.param(2), 0);
      boolean incl = ctx.boolParam(4);
      Tensor ah = avgMatrix(g.size(-2), x.size(-2), k[0], s[0], p[0], incl, g.dtype());
      Tensor aw = avgMatrix(g.size(-1), x.size(-1), k[1], s[1], p[1], incl, g.dtype());
      return new Tensor[] {ah.t().matmul(g).matmul(aw)};
    });
    m.put("avgPool1d", (ctx, g) -> {
      Tensor x = ctx.input(0);
      int k = ctx.intParam(0), s = ctx.intParam(1), p = ctx.intParam(2);
      Tensor aw = avgMatrix(g.size(-1), x.size(-1), k, s <= 0 ? k : s, p, ctx.boolParam(4), g.dtype());
      return new Tensor[] {g.matmul(aw)};
    });
    m.put("adaptiveAvgPool2d", (ctx, g) -> {
      Tensor x = ctx.input(0);
      Tensor ah = adaptiveMatrix(g.size(-2), x.size(-2), g.dtype());
      Tensor aw = adaptiveMatrix(g.size(-1), x.size(-1), g.dtype());
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
    Tensor zeros = Tensor.zeros(g.dtype(), planes, plane);
    return zeros.scatterAdd(1, idx.reshape(planes, cols), g.reshape(planes, cols)).reshape(xs);
  }

  /**
   * A[o, i] = 1/count(o) for the inputs i of window o (o*s - p .. o*s - p + k - 1 clipped to
   * the input), count as torch's avg_pool: the window clipped to the padded input (and never
   * past in + p) with countIncludePad, else the number of input positions.
   */
  static Tensor avgMatrix(int out, int in, int k, int s, int p, boolean countIncludePad, DType dtype) {
    double[] a = new double[out * in];
    for (int o = 0; o < out; o++) {
      int start = o * s - p, end = Math.min(start + k, in + p);
      int padded = end - start;
      int lo = Math.max(start, 0), hi = Math.min(end, in);
      int count = countIncludePad ? padded : hi - lo;
      for (int i = lo; i < hi; i++) a[o * in + i] = 1.0 / count;
    }
    return matrix(a, out, in, dtype);
  }

  /** Adaptive bins: output o averages inputs floor(o*in/out) .. ceil((o+1)*in/out) - 1. */
  static Tensor adaptiveMatrix(int out, int in, DType dtype) {
    double[] a = new double[out * in];
    for (int o = 0; o < out; o++) {
      int lo = (int) ((long) o * in / out), hi = (int) (((long) (o + 1) * in + out - 1) / out);
      for (int i = lo; i < hi; i++) a[o * in + i] = 1.0 / (hi - lo);
    }
    return matrix(a, out, in, dtype);
  }

  private static Tensor matrix(double[] a, int rows, int cols, DType dtype) {
    Tensor t = Tensor.fromArray(a, rows, cols);
    return dtype == DType.FLOAT64 ? t : t.to(dtype);
  }
}
