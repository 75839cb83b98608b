package io.jgrad.tensor;

import io.jgrad.tensor.spi.BinaryOp;
import io.jgrad.tensor.spi.Window2d;

/**
 * Convolutions as im2col plus the packed matmul (STYLE.md section 5), and the pooling entry
 * points (implemented in {@link Pooling}). Every op takes an unbatched input too, as PyTorch
 * does, and checks its arguments in its own terms (1-D ops report 1-D sizes).
 */
final class Convolution {
  /**
   * Most im2col elements held at once (64 MB of float32): larger batches run in slices, so the
   * column matrix of a big batch never dominates memory. Tests lower it to reach that path.
   */
  static int colsLimit = 1 << 24;

  private Convolution() {}

  /**
   * 1-D cross-correlation, computed as conv2d over a height-1 image.
   * {@code out[n,o,l] = bias[o] + sum_{c,k} w[o,c,k] * x[n, g*C/groups + c, l*stride - padding + k*dilation]}.
   * Shape: x [N,C,L] or [C,L], weight [O, C/groups, k], bias [O] or null -> [N,O,oL] (or [O,oL]),
   * oL = (L + 2*padding - dilation*(k-1) - 1) / stride + 1.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.conv1d.html">torch.nn.functional.conv1d</a>
   */
  static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
    ConvArgs a = ConvArgs.check("conv1d", x, weight, bias, new int[] {stride}, new int[] {padding},
        new int[] {dilation}, null, groups, 1, false);
    try (Tensor x4 = x.unsqueeze(-2); Tensor w4 = weight.unsqueeze(2); Tensor y = conv2dChecked(x4, w4, bias,
        new Window2d(1, a.kernel[0], 1, a.stride[0], 0, a.padding[0], 1, a.dilation[0], false), groups)) {
      return y.squeeze(-2);
    }
  }

  /**
   * 2-D cross-correlation (PyTorch's conv2d), with zero padding, dilation and groups.
   * {@code out[n,o,y,x] = bias[o] + sum_{c,ky,kx} w[o,c,ky,kx] * in[n, g*C/groups + c, y*sH - pH + ky*dH, x*sW - pW + kx*dW]}
   * where g = o / (O/groups). Computed as one batched matmul per group:
   * {@code W[groups, O/groups, C/groups*kH*kW] @ im2col(x)[N, groups, C/groups*kH*kW, oH*oW]}.
   * Shape: x [N,C,H,W] or [C,H,W], weight [O, C/groups, kH, kW], bias [O] or null -> [N,O,oH,oW],
   * oH = (H + 2*pH - dH*(kH-1) - 1) / sH + 1 (likewise oW). stride, padding and dilation are
   * [h, w] or one value for both; null means 1, 0, 1.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.conv2d.html">torch.nn.functional.conv2d</a>
   */
  static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
    ConvArgs a = ConvArgs.check("conv2d", x, weight, bias, stride, padding, dilation, null, groups, 2, false);
    return conv2dChecked(x, weight, bias, a.window(), groups);
  }

  /**
   * 2-D transposed convolution, the adjoint of conv2d with the same weight: each input pixel
   * scatters {@code x[n,c,i,j] * w[c,o,ky,kx]} to {@code out[n, g*O/groups + o, i*sH - pH + ky*dH, j*sW - pW + kx*dW]}.
   * Computed as {@code cols = W^T x} per group, then col2im.
   * Shape: x [N,C,H,W] or [C,H,W], weight [C, O/groups, kH, kW], bias [O] or null -> [N,O,oH,oW],
   * oH = (H-1)*sH - 2*pH + dH*(kH-1) + outputPaddingH + 1 (likewise oW); outputPadding must be
   * smaller than the stride or the dilation.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.conv_transpose2d.html">torch.nn.functional.conv_transpose2d</a>
   */
  static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] outputPadding,
                                int groups, int[] dilation) {
    ConvArgs a = ConvArgs.check("convTranspose2d", x, weight, bias, stride, padding, dilation, outputPadding, groups, 2, true);
    return ConvTranspose.run(x, weight, bias, a, groups);
  }

  static Tensor maxPool1d(Tensor x, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    return Pooling.maxPool1d(x, kernel, stride, padding, dilation, ceilMode);
  }

  static ValuesIndices maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    return Pooling.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
  }

  static Tensor avgPool1d(Tensor x, int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    return Pooling.avgPool1d(x, kernel, stride, padding, ceilMode, countIncludePad);
  }

  static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    return Pooling.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
  }

  static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) { return Pooling.adaptiveAvgPool2d(x, outH, outW); }

  /** conv2d on checked arguments; x may be unbatched. */
  static Tensor conv2dChecked(Tensor x, Tensor weight, Tensor bias, Window2d w, int groups) {
    if (x.dim() == 3) {
      try (Tensor xb = x.unsqueeze(0); Tensor y = conv2dChecked(xb, weight, bias, w, groups)) {
        return y.squeeze(0);
      }
    }
    int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), o = weight.size(0);
    int oh = w.outH(h), ow = w.outW(wd);
    int k = c / groups * w.kernelH() * w.kernelW();
    boolean pointwise = w.kernelH() == 1 && w.kernelW() == 1 && w.strideH() == 1 && w.strideW() == 1
        && w.padH() == 0 && w.padW() == 0;
    long perSample = (long) groups * k * oh * ow;
    if (!pointwise && n > 1 && n * perSample > colsLimit) return inSlices(x, weight, bias, w, groups, o, oh, ow, perSample);
    // A 1x1 kernel with unit stride and no padding needs no im2col: x itself is the column matrix.
    try (Tensor cols = pointwise ? x.reshape(n, groups, k, h * wd) : im2col(x, w, groups, k, oh * ow);
         Tensor wg = weight.reshape(groups, o / groups, k);
         Tensor y = wg.matmul(cols)) {
      Tensor out = y.reshape(n, o, oh, ow);
      addBias(out, bias);
      return out;
    }
  }

  /** conv2d over batch slices whose columns fit {@link #colsLimit}, copied into one output. */
  private static Tensor inSlices(Tensor x, Tensor weight, Tensor bias, Window2d w, int groups, int o, int oh, int ow,
                                 long perSample) {
    int n = x.size(0), slice = (int) Math.max(1, colsLimit / perSample);
    Tensor out = Creation.emptyOn(x, x.dtype(), new int[] {n, o, oh, ow});
    for (int start = 0; start < n; start += slice) {
      int len = Math.min(slice, n - start);
      try (Tensor xs = x.narrow(0, start, len); Tensor ys = conv2dChecked(xs, weight, null, w, groups);
           Tensor dst = out.narrow(0, start, len)) {
        x.backend().copy(ys.layout(), dst.layout());
      }
    }
    addBias(out, bias);
    return out;
  }

  /** cols [N, groups, k, L] of x [N,C,H,W]. */
  private static Tensor im2col(Tensor x, Window2d w, int groups, int k, int l) {
    int n = x.size(0);
    try (Tensor cols = Creation.emptyOn(x, x.dtype(), new int[] {n, groups * k, l})) {
      x.backend().im2col(x.layout(), w, cols.layout());
      return cols.view(n, groups, k, l);
    }
  }

  /** out[n, o, ...] += bias[o], in place on a fresh result; no-op for a null bias. */
  static void addBias(Tensor out, Tensor bias) {
    if (bias == null || out.numel() == 0) return;
    int[] shape = out.shape();
    int[] bshape = new int[shape.length];
    java.util.Arrays.fill(bshape, 1);
    bshape[1] = shape[1];
    try (Tensor b = bias.reshape(bshape); Tensor be = b.expand(shape)) {
      out.backend().binary(BinaryOp.ADD, out.layout(), be.layout(), out.layout());
    }
  }
}
