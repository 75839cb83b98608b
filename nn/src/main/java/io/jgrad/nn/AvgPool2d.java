package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Mean over k x k windows (stride defaults to the kernel), as torch.nn.AvgPool2d; with
 * countIncludePad the zero padding counts in the divisor. Shape: [N, C, H, W] -> [N, C, H', W'].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.AvgPool2d.html">torch.nn.AvgPool2d</a>
 */
public class AvgPool2d extends Module {
  private final int[] kernel, stride, padding;
  private final boolean ceilMode, countIncludePad;

  public AvgPool2d(int kernel) { this(kernel, kernel, 0); }

  public AvgPool2d(int kernel, int stride, int padding) {
    this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, false, true);
  }

  public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
    this.kernel = kernel.clone();
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.ceilMode = ceilMode;
    this.countIncludePad = countIncludePad;
  }

  @Override
  public Tensor forward(Tensor x) { return x.avgPool2d(kernel, stride, padding, ceilMode, countIncludePad); }
}
