package io.jgrad.tensor;

import io.jgrad.tensor.spi.Window2d;
import java.util.Arrays;

/**
 * Sliding-window extraction and its adjoint, as torch.nn.functional.unfold / fold: the im2col
 * and col2im kernels of the backend, exposed as differentiable ops (the gradient of each is the
 * other). Convolution weight gradients are one matmul against unfold's columns.
 */
final class Unfold {
  private Unfold() {}

  /**
   * Columns of every sliding window: {@code out[n, c*kH*kW + ky*kW + kx, oy*oW + ox] =
   * x[n, c, oy*sH - pH + ky*dH, ox*sW - pW + kx*dW]} (0 in the padding).
   * Shape: x [N,C,H,W] or [C,H,W] -> [N, C*kH*kW, oH*oW] (or without N).
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.unfold.html">torch.nn.functional.unfold</a>
   */
  static Tensor unfold2d(Tensor x, int[] kernel, int[] dilation, int[] padding, int[] stride) {
    if (x.dim() != 3 && x.dim() != 4) {
      throw new IllegalArgumentException("unfold2d: expected x [N,C,H,W] or [C,H,W], got " + Shapes.str(x.shape()));
    }
    checkFloat("unfold2d", x);
    Window2d w = window("unfold2d", kernel, dilation, padding, stride);
    if (x.dim() == 3) {
      try (Tensor xb = x.unsqueeze(0); Tensor r = unfold2d(xb, kernel, dilation, padding, stride)) {
        return r.squeeze(0);
      }
    }
    int n = x.size(0), c = x.size(1), oh = w.outH(x.size(2)), ow = w.outW(x.size(3));
    if (oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException("unfold2d: input " + Shapes.str(x.shape()) + " is smaller than the window "
          + Arrays.toString(kernel) + " with dilation " + Arrays.toString(dilation) + " and padding " + Arrays.toString(padding));
    }
    Tensor cols = Creation.emptyOn(x, x.dtype(), new int[] {n, c * w.kernelH() * w.kernelW(), oh * ow});
    if (cols.numel() > 0) x.backend().im2col(x.layout(), w, cols.layout());
    return cols;
  }

  /**
   * The adjoint of unfold2d: sums each column entry back into the window position it came from.
   * Shape: cols [N, C*kH*kW, L] or [C*kH*kW, L] -> [N, C, H, W] (or without N), where
   * {@code (H, W) = outputSize} and L must equal the number of windows in it.
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.functional.fold.html">torch.nn.functional.fold</a>
   */
  static Tensor fold2d(Tensor cols, int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {
    if (cols.dim() != 2 && cols.dim() != 3) {
      throw new IllegalArgumentException("fold2d: expected cols [N, C*kH*kW, L] or [C*kH*kW, L], got " + Shapes.str(cols.shape()));
    }
    checkFloat("fold2d", cols);
    Window2d w = window("fold2d", kernel, dilation, padding, stride);
    int[] size = ConvArgs.perDim("fold2d", "outputSize", outputSize, 2, 1, 1);
    if (cols.dim() == 2) {
      try (Tensor cb = cols.unsqueeze(0); Tensor r = fold2d(cb, outputSize, kernel, dilation, padding, stride)) {
        return r.squeeze(0);
      }
    }
    int kk = w.kernelH() * w.kernelW(), oh = w.outH(size[0]), ow = w.outW(size[1]);
    if (cols.size(1) % kk != 0) {
      throw new IllegalArgumentException("fold2d: dim 1 of cols " + Shapes.str(cols.shape()) + " must be divisible by kH*kW = " + kk);
    }
    if (oh <= 0 || ow <= 0 || cols.size(2) != oh * ow) {
      throw new IllegalArgumentException("fold2d: cols " + Shapes.str(cols.shape()) + " has " + cols.size(2)
          + " windows but outputSize " + Arrays.toString(size) + " with kernel " + Arrays.toString(kernel) + " gives "
          + Math.max(oh, 0) + "x" + Math.max(ow, 0));
    }
    Tensor x = Creation.full(new int[] {cols.size(0), cols.size(1) / kk, size[0], size[1]}, 0, cols.dtype(), cols.device());
    if (cols.numel() > 0) cols.backend().col2im(cols.layout(), w, x.layout());
    return x;
  }

  private static Window2d window(String op, int[] kernel, int[] dilation, int[] padding, int[] stride) {
    if (kernel == null) throw new IllegalArgumentException(op + ": kernel is required");
    int[] k = ConvArgs.perDim(op, "kernel", kernel, 2, 1, 1), d = ConvArgs.perDim(op, "dilation", dilation, 2, 1, 1);
    int[] p = ConvArgs.perDim(op, "padding", padding, 2, 0, 0), s = ConvArgs.perDim(op, "stride", stride, 2, 1, 1);
    return new Window2d(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], false);
  }

  private static void checkFloat(String op, Tensor t) {
    if (!t.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(op + ": expected a float32 or float64 tensor, got " + t.dtype());
    }
  }
}
