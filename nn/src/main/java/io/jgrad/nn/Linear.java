package io.jgrad.nn;

import io.jgrad.nn.init.Init;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * y = x W^T + b, with W [outFeatures, inFeatures] initialised by kaiming_uniform(a = sqrt(5))
 * and b ~ U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)) as torch.nn.Linear.
 * Shape: [*, inFeatures] -> [*, outFeatures].
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Linear.html">torch.nn.Linear</a>
 */
public class Linear extends Module {
  private final int inFeatures, outFeatures;
  private final Tensor weight, bias;

  public Linear(int inFeatures, int outFeatures) { this(inFeatures, outFeatures, true, Generator.defaultGenerator()); }

  public Linear(int inFeatures, int outFeatures, boolean bias, Generator g) {
    if (inFeatures < 0 || outFeatures < 0) {
      throw new IllegalArgumentException("Linear: feature sizes must be >= 0, got in=" + inFeatures + " out=" + outFeatures);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    weight = registerParameter("weight", untracked(() -> Tensor.zeros(defaultDType(), outFeatures, inFeatures)));
    this.bias = bias ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), outFeatures))) : null;
    Init.layerDefaults(weight, this.bias, g);
  }

  public Tensor weight() { return weight; }

  /** The bias, or null when built without one. */
  public Tensor bias() { return bias; }

  @Override
  public Tensor forward(Tensor x) {
    if (x.dim() < 1 || x.size(-1) != inFeatures) {
      throw new IllegalArgumentException("Linear: input has " + (x.dim() < 1 ? "no feature dimension" : x.size(-1) + " features")
          + " (shape " + Arrays.toString(x.shape()) + ") but the layer expects inFeatures=" + inFeatures);
    }
    Tensor y = x.matmul(parametrized("weight", weight).t());
    return bias == null ? y : y.add(parametrized("bias", bias));
  }

  @Override
  protected String extraRepr() { return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null); }
}
