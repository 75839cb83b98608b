package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Mean over windows of k (stride defaults to the kernel), as torch.nn.AvgPool1d.
 * Shape: [N, C, L] -> [N, C, L'].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.AvgPool1d.html">torch.nn.AvgPool1d</a>
 */
public class AvgPool1d extends Module {
  private final int kernel, stride, padding;
  private final boolean ceilMode, countIncludePad;

  public AvgPool1d(int kernel) { this(kernel, kernel, 0, false, true); }

  public AvgPool1d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.ceilMode = ceilMode;
    this.countIncludePad = countIncludePad;
  }

  @Override
  public Tensor forward(Tensor x) { return x.avgPool1d(kernel, stride, padding, ceilMode, countIncludePad); }
}
