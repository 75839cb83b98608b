package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * 1-D cross-correlation, as torch.nn.Conv1d: weight [out, in/groups, k] initialised by
 * kaiming_uniform(a = sqrt(5)), bias U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with fanIn = in/groups*k.
 * Shape: [N, in, L] -> [N, out, (L + 2p - d(k-1) - 1)/s + 1] (also unbatched [in, L]).
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Conv1d.html">torch.nn.Conv1d</a>
 */
public class Conv1d extends Module {
  private final int inChannels, outChannels, kernel, stride, padding, dilation, groups;
  private final Tensor weight, bias;

  public Conv1d(int inChannels, int outChannels, int kernel) {
    this(inChannels, outChannels, kernel, 1, 0, 1, 1, true, Generator.defaultGenerator());
  }

  public Conv1d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
                boolean bias, Generator g) {
    if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
      throw new IllegalArgumentException("Conv1d: inChannels " + inChannels + " and outChannels " + outChannels
          + " must be divisible by groups " + groups);
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.groups = groups;
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), outChannels, inChannels / groups, kernel)));
    this.bias = bias ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), outChannels))) : null;
    Init.layerDefaults(weight, this.bias, g);
  }

  public Tensor weight() { return weight; }

  public Tensor bias() { return bias; }

  @Override
  public Tensor forward(Tensor x) {
    int c = x.dim() == 3 ? x.size(1) : x.dim() == 2 ? x.size(0) : -1;
    if (c != inChannels) {
      throw new IllegalArgumentException("Conv1d: expected input [N, " + inChannels + ", L] or [" + inChannels
          + ", L], got " + Arrays.toString(x.shape()));
    }
    return x.conv1d(parametrized("weight", weight), bias == null ? null : parametrized("bias", bias), stride, padding, dilation, groups);
  }

  @Override
  protected String extraRepr() { return inChannels + ", " + outChannels + ", kernel=" + kernel + ", stride=" + stride; }
}
