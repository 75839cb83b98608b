package io.jgrad.nn;

import io.jgrad.tensor.Tensor;

/**
 * Mean over adaptive windows giving an outH x outW map, as torch.nn.AdaptiveAvgPool2d (window i
 * spans floor(i*H/outH) .. ceil((i+1)*H/outH)). Shape: [N, C, H, W] -> [N, C, outH, outW].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.AdaptiveAvgPool2d.html">torch.nn.AdaptiveAvgPool2d</a>
 */
public class AdaptiveAvgPool2d extends Module {
  private final int outH, outW;

  public AdaptiveAvgPool2d(int outH, int outW) {
    this.outH = outH;
    this.outW = outW;
  }

  @Override
  public Tensor forward(Tensor x) { return x.adaptiveAvgPool2d(outH, outW); }
}
