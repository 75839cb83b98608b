package io.jgrad.tensor.spi;

/**
 * Geometry of a 2-D sliding window (convolution, im2col, pooling): kernel, stride, padding
 * and dilation, each as (height, width). Output size follows PyTorch:
 * {@code (in + 2*pad - dilation*(kernel-1) - 1) / stride + 1}, or rounded up with ceilMode.
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int padH, int padW,
                       int dilationH, int dilationW, boolean ceilMode) {

  public int outH(int inH) { return outSize(inH, kernelH, strideH, padH, dilationH); }

  public int outW(int inW) { return outSize(inW, kernelW, strideW, padW, dilationW); }

  private int outSize(int in, int k, int s, int p, int d) {
    // PyTorch's pooling_output_shape: floor division (rounding toward -inf), so with ceilMode
    // a kernel that overhangs the input by less than a stride still yields one window.
    int out = Math.floorDiv(in + 2 * p - d * (k - 1) - 1 + (ceilMode ? s - 1 : 0), s) + 1;
    // With ceilMode the last window must start inside the input or the left padding.
    if (ceilMode && (out - 1) * s >= in + p) out--;
    return Math.max(out, 0);
  }
}
