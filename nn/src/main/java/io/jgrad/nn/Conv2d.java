package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D cross-correlation, as torch.nn.Conv2d: weight [out, in/groups, kH, kW] initialised by
 * kaiming_uniform(a = sqrt(5)), bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn = in/groups*kH*kW.
 * Shape: [N, in, H, W] -> [N, out, (H + 2p - d(k-1) - 1)/s + 1, ...] (also unbatched [in, H, W]).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Conv2d.html">torch.nn.Conv2d</a>
 */
public class Conv2d extends Module {
  private final int inChannels, outChannels, groups;
  private final int[] kernel, stride, padding, dilation;
  private final Tensor weight, bias;

  public Conv2d(int inChannels, int outChannels, int kernel) {
    this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {1, 1}, new int[] {0, 0}, new int[] {1, 1}, 1,
        true, Generator.defaultGenerator());
  }

  public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
    this(inChannels, outChannels, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding},
        new int[] {1, 1}, 1, true, Generator.defaultGenerator());
  }

  public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
                boolean bias, Generator g) {
    if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException("Conv2d: inChannels " + inChannels + " and outChannels " + outChannels
          + " must be divisible by groups " + groups);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.groups = groups;
    this.kernel = kernel.clone();
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.dilation = dilation.clone();
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), outChannels, inChannels / groups, kernel[0], kernel[1])));
    this.bias = bias ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), outChannels))) : null;
    Init.layerDefaults(weight, this.bias, g);
  }

  public Tensor weight() { return weight; }

  public Tensor bias() { return bias; }

  @Override
  public Tensor forward(Tensor x) {
    int c = x.dim() == 4 ? x.size(1) : x.dim() == 3 ? x.size(0) : -1;
    if (c != inChannels) {
      throw new IllegalArgumentException("Conv2d: expected input [N, " + inChannels + ", H, W] or [" + inChannels
          + ", H, W], got " + Arrays.toString(x.shape()));
    }
    return x.conv2d(parametrized("weight", weight), bias == null ? null : parametrized("bias", bias), stride, padding, dilation, groups);
  }

  @Override
  protected String extraRepr() {
    return inChannels + ", " + outChannels + ", kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
        + ", padding=" + Arrays.toString(padding);
  }
}
