package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Max over windows of k (stride defaults to the kernel), as torch.nn.MaxPool1d.
 * Shape: [N, C, L] -> [N, C, L'].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MaxPool1d.html">torch.nn.MaxPool1d</a>
 */
public class MaxPool1d extends Module {
  private final int kernel, stride, padding, dilation;
  private final boolean ceilMode;

  public MaxPool1d(int kernel) { this(kernel, kernel, 0, 1, false); }

  public MaxPool1d(int kernel, int stride, int padding, int dilation, boolean ceilMode) {
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.ceilMode = ceilMode;
  }

  @Override
  public Tensor forward(Tensor x) { return x.maxPool1d(kernel, stride, padding, dilation, ceilMode); }
}
