package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Max over k x k windows (stride defaults to the kernel), as torch.nn.MaxPool2d; the gradient goes
 * to the first maximum of each window. Shape: [N, C, H, W] -> [N, C, H', W'].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MaxPool2d.html">torch.nn.MaxPool2d</a>
 */
public class MaxPool2d extends Module {
  private final int[] kernel, stride, padding, dilation;
  private final boolean ceilMode;

  public MaxPool2d(int kernel) { this(kernel, kernel, 0); }

  public MaxPool2d(int kernel, int stride, int padding) {
    this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, new int[] {1, 1}, false);
  }

  public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
    this.kernel = kernel.clone();
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.dilation = dilation.clone();
    this.ceilMode = ceilMode;
  }

  @Override
  public Tensor forward(Tensor x) { return x.maxPool2d(kernel, stride, padding, dilation, ceilMode); }
}
