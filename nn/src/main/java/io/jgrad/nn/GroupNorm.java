package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Group normalisation ("Group Normalization"), as torch.nn.GroupNorm: channels split into
 * numGroups groups, each normalised over its channels and spatial positions (biased variance),
 * then a per-channel affine (weight ones, bias zeros). Shape: [N, C, *] -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GroupNorm.html">torch.nn.GroupNorm</a>
 */
public class GroupNorm extends Module {
  private final int numGroups, numChannels;
  private final double eps;
  private final Tensor weight, bias;

  public GroupNorm(int numGroups, int numChannels) { this(numGroups, numChannels, 1e-5, true); }

  public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
    if (numGroups <= 0 || numChannels % numGroups != 0) {
      throw new IllegalArgumentException("GroupNorm: numChannels " + numChannels + " must be divisible by numGroups " + numGroups);
    }
    this.numGroups = numGroups;
    this.numChannels = numChannels;
    this.eps = eps;
    weight = affine ? registerParameter("weight", untracked(() -> Tensor.ones(defaultDType(), numChannels))) : null;
    bias = affine ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), numChannels))) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() < 2 || x.size(1) != numChannels) {
      throw new IllegalArgumentException("GroupNorm: expected input [N, " + numChannels + ", *], got " + Arrays.toString(x.shape()));
    }
    int[] s = x.shape();
    Tensor g = x.reshape(s[0], numGroups, -1);
    int[] dims = {2};
    Tensor y = g.sub(g.mean(dims, true)).mul(g.var(dims, 0, true).add(eps).rsqrt()).reshape(s);
    if (weight == null) return y;
    int[] bshape = new int[s.length];
    Arrays.fill(bshape, 1);
    bshape[1] = numChannels;
    return y.mul(weight.reshape(bshape)).add(bias.reshape(bshape));
  }

  @Override
  protected String extraRepr() { return numGroups + ", " + numChannels + ", eps=" + eps; }
}
