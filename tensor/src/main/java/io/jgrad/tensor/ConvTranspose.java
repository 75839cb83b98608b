package io.jgrad.tensor;

import io.jgrad.tensor.spi.Window2d;

/**
 * convTranspose2d as the adjoint of conv2d: {@code cols = W^T x} per group (one batched
 * matmul), then col2im scatters the columns into the zeroed output. The output is the input
 * of the conv2d whose gradient this is, so col2im runs with the conv2d window (kernel, stride,
 * padding, dilation) over the [oH, oW] output.
 */
final class ConvTranspose {
  private ConvTranspose() {}

  /** Runs on checked arguments (see {@link ConvArgs#check}); x may be unbatched. */
  static Tensor run(Tensor x, Tensor weight, Tensor bias, ConvArgs a, int groups) {
    if (x.dim() == 3) {
      try (Tensor xb = x.unsqueeze(0); Tensor y = run(xb, weight, bias, a, groups)) {
        return y.squeeze(0);
      }
    }
    int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3);
    int og = weight.size(1), o = og * groups, kh = a.kernel[0], kw = a.kernel[1];
    Window2d w = a.window();
    int oh = (h - 1) * a.stride[0] - 2 * a.padding[0] + a.dilation[0] * (kh - 1) + a.outputPadding[0] + 1;
    int ow = (wd - 1) * a.stride[1] - 2 * a.padding[1] + a.dilation[1] * (kw - 1) + a.outputPadding[1] + 1;
    try (Tensor wg = weight.reshape(groups, c / groups, og * kh * kw);
         Tensor wt = wg.transpose(1, 2);
         Tensor xg = x.reshape(n, groups, c / groups, h * wd);
         Tensor prod = wt.matmul(xg);
         Tensor cols = windows(prod.reshape(n, o * kh * kw, h, wd), w.outH(oh), w.outW(ow))) {
      Tensor out = Creation.full(new int[] {n, o, oh, ow}, 0, x.dtype(), x.device());
      x.backend().col2im(cols.layout(), w, out.layout());
      Convolution.addBias(out, bias);
      return out;
    }
  }

  /**
   * cols [N, K, H, W] as [N, K, lh*lw]. The conv2d window over the output has lh >= H
   * positions: more when an outputPadding not below the stride (allowed when the dilation is
   * larger) adds a window position that no input pixel feeds, so its column stays zero.
   */
  private static Tensor windows(Tensor cols, int lh, int lw) {
    int n = cols.size(0), k = cols.size(1), h = cols.size(2), wd = cols.size(3);
    try (cols) {
      if (lh == h && lw == wd) return cols.reshape(n, k, h * wd);
      Tensor padded = Creation.full(new int[] {n, k, lh, lw}, 0, cols.dtype(), cols.device());
      try (Tensor a = padded.narrow(2, 0, h); Tensor b = a.narrow(3, 0, wd)) {
        cols.backend().copy(cols.layout(), b.layout());
      }
      try (padded) {
        return padded.reshape(n, k, lh * lw);
      }
    }
  }
}
