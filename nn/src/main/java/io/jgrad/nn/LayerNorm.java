package io.jgrad.nn;

import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation ("Layer Normalization"), as torch.nn.LayerNorm: over the last
 * normalizedShape.length dims, y = (x - mean) / sqrt(var + eps) * weight + bias (biased variance;
 * weight ones, bias zeros, of shape normalizedShape, when elementwiseAffine).
 * Shape: [*, normalizedShape] -> same.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LayerNorm.html">torch.nn.LayerNorm</a>
 */
public class LayerNorm extends Module {
  private final int[] normalizedShape;
  private final double eps;
  private final Tensor weight, bias;

  public LayerNorm(int... normalizedShape) { this(normalizedShape, 1e-5, true); }

  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    weight = elementwiseAffine ? registerParameter("weight", untracked(() -> Tensor.ones(defaultDType(), normalizedShape))) : null;
    bias = elementwiseAffine ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), normalizedShape))) : null;
  }

  @Override
  public Tensor forward(Tensor x) {
    int k = normalizedShape.length, d = x.dim();
    int[] s = x.shape();
    if (d < k || !Arrays.equals(Arrays.copyOfRange(s, d - k, d), normalizedShape)) {
      throw new IllegalArgumentException("LayerNorm: input shape " + Arrays.toString(s) + " does not end with normalizedShape "
          + Arrays.toString(normalizedShape));
    }
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) dims[i] = d - k + i;
    Tensor y = x.sub(x.mean(dims, true)).mul(x.var(dims, 0, true).add(eps).rsqrt());
    return weight == null ? y : y.mul(weight).add(bias);
  }

  @Override
  protected String extraRepr() { return Arrays.toString(normalizedShape) + ", eps=" + eps; }
}
