package io.jgrad.tensor;

import io.jgrad.tensor.spi.PoolMode;
import io.jgrad.tensor.spi.Window2d;

/**
 * Max, average and adaptive-average pooling over the last one or two dims, through the
 * backend's pool2d (1-D ops run on a height-1 image). Inputs are [N,C,...] or unbatched
 * [C,...]; only the batch may be empty, as in PyTorch. Output sizes follow PyTorch's
 * pooling_output_shape, ceil mode included (see {@link Window2d}).
 */
final class Pooling {
  private Pooling() {}

  /**
   * 1-D max pooling: {@code out[n,c,l] = max_k x[n, c, l*stride - padding + k*dilation]}
   * over in-range positions (padding acts as -inf). A NaN in the window wins.
   * Shape: [N,C,L] or [C,L] -> [N,C,oL], oL = (L + 2p - d(k-1) - 1)/s + 1, rounded up with
   * ceilMode (but the last window must start inside the input or the left padding).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.max_pool1d.html">torch.nn.functional.max_pool1d</a>
   */
  static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    Window2d w = window("maxPool1d", x, 1, false, new int[] {kernel}, new int[] {stride}, new int[] {padding},
        new int[] {dilation}, ceilMode);
    ValuesIndices r;
    try (Tensor x2 = x.unsqueeze(-2)) {
      r = squeezed(pool(PoolMode.MAX, x2, w, 1, w.outW(x.size(-1))), -2);
    }
    try (Tensor unused = r.indices()) {
      return r.values();
    }
  }

  /**
   * 2-D max pooling with the flat index {@code h*W + w} of each chosen input inside its plane
   * (torch's return_indices). Ties keep the first position in row-major scan order; a NaN wins
   * (the last NaN in scan order). Padding acts as -inf.
   * Shape: [N,C,H,W] or [C,H,W] -> values and int64 indices [N,C,oH,oW] (see maxPool1d for oH).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.max_pool2d.html">torch.nn.functional.max_pool2d</a>
   */
  static ValuesIndices maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    Window2d w = window("maxPool2d", x, 2, false, kernel, stride, padding, dilation, ceilMode);
    return pool(PoolMode.MAX, x, w, w.outH(x.size(-2)), w.outW(x.size(-1)));
  }

  /**
   * 1-D average pooling: the mean of each window clipped to the padded input. With
   * countIncludePad the divisor counts padded positions (but never the overhang of a ceil-mode
   * window past the padding); without it only input positions count. int64 input divides with
   * truncation, as PyTorch does.
   * Shape: [N,C,L] or [C,L] -> [N,C,oL], oL = (L + 2p - k)/s + 1 (ceilMode as in maxPool1d).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.avg_pool1d.html">torch.nn.functional.avg_pool1d</a>
   */
  static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    Window2d w = window("avgPool1d", x, 1, true, new int[] {kernel}, new int[] {stride}, new int[] {padding}, null, ceilMode);
    PoolMode mode = countIncludePad ? PoolMode.AVG : PoolMode.AVG_EXCLUDE_PAD;
    try (Tensor x2 = x.unsqueeze(-2)) {
      return squeezed(pool(mode, x2, w, 1, w.outW(x.size(-1))), -2).values();
    }
  }

  /**
   * 2-D average pooling; divisor conventions as in avgPool1d.
   * Shape: [N,C,H,W] or [C,H,W] -> [N,C,oH,oW].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.avg_pool2d.html">torch.nn.functional.avg_pool2d</a>
   */
  static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    Window2d w = window("avgPool2d", x, 2, true, kernel, stride, padding, null, ceilMode);
    PoolMode mode = countIncludePad ? PoolMode.AVG : PoolMode.AVG_EXCLUDE_PAD;
    return pool(mode, x, w, w.outH(x.size(-2)), w.outW(x.size(-1))).values();
  }

  /**
   * Adaptive average pooling: output cell (i, j) averages rows floor(i*H/outH) to
   * ceil((i+1)*H/outH) - 1 and the like columns, so bins overlap when outH does not divide H.
   * Shape: [N,C,H,W] or [C,H,W] -> [N,C,outH,outW].
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.adaptive_avg_pool2d.html">torch.nn.functional.adaptive_avg_pool2d</a>
   */
  static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
    checkInput("adaptiveAvgPool2d", x, 2, false);
    if (outH < 0 || outW < 0) {
      throw new IllegalArgumentException("adaptiveAvgPool2d: output size must be non-negative, got " + outH + "x" + outW);
    }
    return pool(PoolMode.ADAPTIVE_AVG, x, new Window2d(1, 1, 1, 1, 0, 0, 1, 1, false), outH, outW).values();
  }

  /** Runs pool2d on a 3-D or 4-D x; indices only for MAX. */
  private static ValuesIndices pool(PoolMode mode, Tensor x, Window2d w, int oh, int ow) {
    if (x.dim() == 3) {
      try (Tensor xb = x.unsqueeze(0)) {
        return squeezed(pool(mode, xb, w, oh, ow), 0);
      }
    }
    int[] shape = {x.size(0), x.size(1), oh, ow};
    Tensor out = Creation.emptyOn(x, x.dtype(), shape);
    Tensor idx = mode == PoolMode.MAX ? Creation.emptyOn(x, DType.INT64, shape) : null;
    x.backend().pool2d(mode, x.layout(), w, out.layout(), idx == null ? null : idx.layout());
    return new ValuesIndices(out, idx);
  }

  /** Both results without dim d; closes r's tensors (a null indices stays null). */
  private static ValuesIndices squeezed(ValuesIndices r, int d) {
    try (Tensor v = r.values(); Tensor i = r.indices()) {
      return new ValuesIndices(v.squeeze(d), i == null ? null : i.squeeze(d));
    }
  }

  /** Checks rank, sizes and dtype; avg accepts int64 as PyTorch does. */
  private static void checkInput(String op, Tensor x, int r, boolean avg) {
    int[] s = x.shape();
    boolean ok = s.length == r + 1 || s.length == r + 2;
    for (int i = Math.max(s.length - r - 1, 0); ok && i < s.length; i++) ok = s[i] > 0;
    if (!ok) {
      throw new IllegalArgumentException(op + ": expected a " + (r + 1) + "-D or " + (r + 2)
          + "-D input with non-empty channel and spatial dims (only the batch may be 0), got " + Shapes.str(s));
    }
    if (!x.dtype().isFloatingPoint() && !(avg && x.dtype() == DType.INT64)) {
      throw new IllegalArgumentException(op + ": not implemented for " + x.dtype() + " input");
    }
  }

  /** Checks a pooling op's arguments over r spatial dims and returns its window (height 1 for r = 1). */
  private static Window2d window(String op, Tensor x, int r, boolean avg, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                 boolean ceilMode) {
    checkInput(op, x, r, avg);
    int[] k = ConvArgs.perDim(op, "kernel", kernel, r, 0, 1);
    int[] s = stride == null || stride.length == 0 ? k : ConvArgs.perDim(op, "stride", stride, r, 0, 1);
    int[] p = ConvArgs.perDim(op, "padding", padding, r, 0, 0);
    int[] d = ConvArgs.perDim(op, "dilation", dilation, r, 1, 1);
    for (int i = 0; i < r; i++) {
      if (p[i] > k[i] / 2) {
        throw new IllegalArgumentException(op + ": padding " + ConvArgs.dims(p) + " must be at most half of kernel "
            + ConvArgs.dims(k));
      }
    }
    Window2d w = r == 1 ? new Window2d(1, k[0], 1, s[0], 0, p[0], 1, d[0], ceilMode)
        : new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], ceilMode);
    int[] in = r == 1 ? new int[] {x.size(-1)} : new int[] {x.size(-2), x.size(-1)};
    int[] out = r == 1 ? new int[] {w.outW(in[0])} : new int[] {w.outH(in[0]), w.outW(in[1])};
    for (int v : out) {
      if (v < 1) {
        throw new IllegalArgumentException(op + ": output size " + ConvArgs.dims(out) + " is too small for input "
            + ConvArgs.dims(in) + " (kernel " + ConvArgs.dims(k) + ", stride " + ConvArgs.dims(s) + ", padding "
            + ConvArgs.dims(p) + ", dilation " + ConvArgs.dims(d) + ")");
      }
    }
    return w;
  }
}
