package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D transposed convolution (the gradient of Conv2d with respect to its input), as
 * torch.nn.ConvTranspose2d: weight [in, out/groups, kH, kW] initialised by kaiming_uniform(a =
 * sqrt(5)) with torch's fan-in of that shape (out/groups*kH*kW), bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
 * Shape: [N, in, H, W] -> [N, out, (H-1)s - 2p + d(k-1) + outputPadding + 1, ...].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.ConvTranspose2d.html">torch.nn.ConvTranspose2d</a>
 */
public class ConvTranspose2d extends Module {
  private final int inChannels, outChannels, groups;
  private final int[] stride, padding, outputPadding, dilation;
  private final Tensor weight, bias;

  public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride) {
    this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {0, 0}, new int[] {0, 0},
        1, true, new int[] {1, 1}, Generator.defaultGenerator());
  }

  public ConvTranspose2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] outputPadding,
                         int groups, boolean bias, int[] dilation, Generator g) {
    if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException("ConvTranspose2d: inChannels " + inChannels + " and outChannels " + outChannels
          + " must be divisible by groups " + groups);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.groups = groups;
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.outputPadding = outputPadding.clone();
    this.dilation = dilation.clone();
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), inChannels, outChannels / groups, kernel[0], kernel[1])));
    this.bias = bias ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), outChannels))) : null;
    Init.layerDefaults(weight, this.bias, g);
  }

  public Tensor weight() { return weight; }

  public Tensor bias() { return bias; }

  @Override
  public Tensor forward(Tensor x) {
    int c = x.dim() == 4 ? x.size(1) : x.dim() == 3 ? x.size(0) : -1;
    if (c != inChannels) {
      throw new IllegalArgumentException("ConvTranspose2d: expected input [N, " + inChannels + ", H, W] or [" + inChannels
          + ", H, W], got " + Arrays.toString(x.shape()));
    }
    return x.convTranspose2d(parametrized("weight", weight), bias == null ? null : parametrized("bias", bias), stride, padding, outputPadding, groups, dilation);
  }

  @Override
  protected String extraRepr() { return inChannels + ", " + outChannels + ", stride=" + Arrays.toString(stride); }
}
