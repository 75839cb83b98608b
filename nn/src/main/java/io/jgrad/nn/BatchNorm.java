package io.jgrad.nn;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Batch normalisation ("Batch Normalization: Accelerating Deep Network Training by Reducing
 * Internal Covariate Shift"), shared by {@link BatchNorm1d} and {@link BatchNorm2d}, as torch:
 * y = (x - mean) / sqrt(var + eps) * weight + bias per channel (dim 1). In training the batch
 * statistics are used (biased variance) and the running ones updated:
 * running = (1 - momentum) * running + momentum * batch, with the UNBIASED batch variance for
 * runningVar; numBatchesTracked counts the updates. In eval mode the running statistics are used.
 */
public abstract class BatchNorm extends Module {
  private final int numFeatures;
  private final double eps, momentum;
  private final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

  protected BatchNorm(int numFeatures, double eps, double momentum, boolean affine) {
    if (numFeatures <= 0) throw new IllegalArgumentException(name() + ": numFeatures must be > 0, got " + numFeatures);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    weight = affine ? registerParameter("weight", untracked(() -> Tensor.ones(defaultDType(), numFeatures))) : null;
    bias = affine ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), numFeatures))) : null;
    runningMean = registerBuffer("running_mean", untracked(() -> Tensor.zeros(defaultDType(), numFeatures)));
    runningVar = registerBuffer("running_var", untracked(() -> Tensor.ones(defaultDType(), numFeatures)));
    numBatchesTracked = registerBuffer("num_batches_tracked", untracked(() -> Tensor.zeros(DType.INT64, new int[0])));
  }

  private String name() { return getClass().getSimpleName(); }

  /** Checks the input's rank for the 1-d or 2-d variant. */
  protected abstract boolean acceptsRank(int rank);

  public Tensor runningMean() { return runningMean; }

  public Tensor runningVar() { return runningVar; }

  public Tensor numBatchesTracked() { return numBatchesTracked; }

  @Override
  public Tensor forward(Tensor x) {
    if (!acceptsRank(x.dim()) || x.size(1) != numFeatures) {
      throw new IllegalArgumentException(name() + ": expected input with " + numFeatures + " channels in dim 1, got shape "
          + Arrays.toString(x.shape()));
    }
    int[] dims = new int[x.dim() - 1];
    dims[0] = 0;
    for (int i = 2; i < x.dim(); i++) dims[i - 1] = i;
    int[] bshape = new int[x.dim()];
    Arrays.fill(bshape, 1);
    bshape[1] = numFeatures;
    Tensor mean, var;
    if (isTraining()) {
      long n = (long) x.numel() / numFeatures;
      if (n <= 1) {
        throw new IllegalArgumentException(name() + ": expected more than 1 value per channel when training, got shape "
            + Arrays.toString(x.shape()));
      }
      mean = x.mean(dims, true);
      var = x.var(dims, 0, true);
      try (var off = Grad.disabled()) {
        runningMean.mulInPlace(1 - momentum).addInPlace(mean.detach().reshape(numFeatures), momentum);
        runningVar.mulInPlace(1 - momentum).addInPlace(var.detach().reshape(numFeatures), momentum * n / (n - 1));
        numBatchesTracked.addInPlace(1);
      }
    } else {
      mean = runningMean.reshape(bshape);
      var = runningVar.reshape(bshape);
    }
    Tensor y = x.sub(mean).mul(var.add(eps).rsqrt());
    if (weight != null) y = y.mul(weight.reshape(bshape)).add(bias.reshape(bshape));
    return y;
  }

  @Override
  protected String extraRepr() { return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null); }
}
