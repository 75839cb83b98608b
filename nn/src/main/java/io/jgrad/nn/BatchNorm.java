package io.jgrad.nn;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batch normalisation ("Batch Normalization: Accelerating Deep Network Training by Reducing
 * Internal Covariate Shift"), shared by {@link BatchNorm1d} and {@link BatchNorm2d}, as torch:
 * y = (x - mean) / sqrt(var + eps) * weight + bias per channel (dim 1).
 *
 * <p>In training the batch statistics are used (biased variance) and the running ones updated:
 * {@code running = (1 - f) * running + f * batch}, with the UNBIASED batch variance for
 * runningVar; numBatchesTracked counts the updates. {@code f} is {@code momentum}, or with
 * {@code momentum == null} the cumulative moving average {@code f = 1 / numBatchesTracked}
 * (torch's {@code momentum=None}; computed on the device, no read-back). In eval mode the
 * running statistics are used. With {@code trackRunningStats == false} there are no running
 * statistics and no buffers (the state dict holds only weight and bias): batch statistics are
 * used in both modes, as torch.
 *
 * <p>{@link #freezeStats} suspends the running-statistics updates of every BatchNorm of a model
 * for a scope, in training mode: normalisation still uses the batch statistics, and the running
 * statistics and numBatchesTracked stay untouched (second passes of SAM, VAT, adversarial
 * examples must not count as batches).
 */
public abstract class BatchNorm extends Module {
  private final int numFeatures;
  private final double eps;
  private final Double momentum;
  private final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;
  private int frozen;

  protected BatchNorm(int numFeatures, double eps, double momentum, boolean affine) { this(numFeatures, eps, (Double) momentum, affine, true); }

  /**
   * @param momentum          the running average's factor, or null for a cumulative average
   * @param trackRunningStats false: no running statistics; batch statistics in eval mode too
   */
  protected BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
    if (numFeatures <= 0) throw new IllegalArgumentException(name() + ": numFeatures must be > 0, got " + numFeatures);
    if (!(eps >= 0)) throw new IllegalArgumentException(name() + ": eps must be >= 0, got " + eps);
    if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
      throw new IllegalArgumentException(name() + ": momentum must be in [0, 1] or null (cumulative average), got " + momentum);
    }
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    weight = affine ? registerParameter("weight", untracked(() -> Tensor.ones(defaultDType(), numFeatures))) : null;
    bias = affine ? registerParameter("bias", untracked(() -> Tensor.zeros(defaultDType(), numFeatures))) : null;
    if (trackRunningStats) {
      runningMean = registerBuffer("running_mean", untracked(() -> Tensor.zeros(defaultDType(), numFeatures)));
      runningVar = registerBuffer("running_var", untracked(() -> Tensor.ones(defaultDType(), numFeatures)));
      numBatchesTracked = registerBuffer("num_batches_tracked", untracked(() -> Tensor.zeros(DType.INT64, new int[0])));
    } else {
      runningMean = runningVar = numBatchesTracked = null;
    }
  }

  private String name() { return getClass().getSimpleName(); }

  /** Checks the input's rank for the 1-d or 2-d variant. */
  protected abstract boolean acceptsRank(int rank);

  /** The running mean, or null without running statistics. */
  public Tensor runningMean() { return runningMean; }

  /** The running (unbiased) variance, or null without running statistics. */
  public Tensor runningVar() { return runningVar; }

  /** The number of running-statistics updates, or null without running statistics. */
  public Tensor numBatchesTracked() { return numBatchesTracked; }

  /** The running average's factor; null for the cumulative average. */
  public Double momentum() { return momentum; }

  public boolean trackRunningStats() { return runningMean != null; }

  /** Whether a {@link #freezeStats} scope currently suspends this layer's updates. */
  public boolean statsFrozen() { return frozen > 0; }

  /**
   * Suspends the running-statistics updates of every BatchNorm in {@code model} (itself
   * included) until the returned scope is closed: {@code try (var f = BatchNorm.freezeStats(model)) {...}}.
   * Training-mode forwards still normalise with the batch statistics. Scopes nest; closing one
   * twice does nothing.
   */
  public static FrozenStats freezeStats(Module model) {
    if (model == null) throw new IllegalArgumentException("BatchNorm.freezeStats: model is null");
    List<BatchNorm> layers = new ArrayList<>();
    for (Module m : model.namedModules().values()) if (m instanceof BatchNorm bn) layers.add(bn);
    for (BatchNorm bn : layers) bn.frozen++;
    return new FrozenStats(layers);
  }

  /** The scope of {@link #freezeStats}; closing it resumes the updates. */
  public static final class FrozenStats implements AutoCloseable {
    private final List<BatchNorm> layers;
    private boolean closed;

    private FrozenStats(List<BatchNorm> layers) { this.layers = List.copyOf(layers); }

    /** The BatchNorm layers this scope suspends. */
    public List<BatchNorm> layers() { return layers; }

    @Override
    public void close() {
      if (closed) return;
      closed = true;
      for (BatchNorm bn : layers) bn.frozen--;
    }
  }

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
    if (isTraining() || runningMean == null) {
      long n = (long) x.numel() / numFeatures;
      if (n <= 1) {
        throw new IllegalArgumentException(name() + ": expected more than 1 value per channel when training, got shape "
            + Arrays.toString(x.shape()));
      }
      mean = x.mean(dims, true);
      var = x.var(dims, 0, true);
      if (isTraining() && runningMean != null && frozen == 0) updateRunningStats(mean, var, n);
    } else {
      mean = runningMean.reshape(bshape);
      var = runningVar.reshape(bshape);
    }
    Tensor y = x.sub(mean).mul(var.add(eps).rsqrt());
    if (weight != null) y = y.mul(weight.reshape(bshape)).add(bias.reshape(bshape));
    return y;
  }

  private void updateRunningStats(Tensor mean, Tensor var, long n) {
    try (var off = Grad.disabled()) {
      numBatchesTracked.addInPlace(1);
      Tensor m = mean.detach().reshape(numFeatures);
      Tensor v = var.detach().reshape(numFeatures);
      double unbias = (double) n / (n - 1);
      if (momentum != null) {
        runningMean.mulInPlace(1 - momentum).addInPlace(m, momentum);
        runningVar.mulInPlace(1 - momentum).addInPlace(v, momentum * unbias);
      } else {
        Tensor f = numBatchesTracked.to(runningMean.dtype()).reciprocal(); // 1 / numBatchesTracked, on the device
        Tensor keep = f.neg().add(1);
        runningMean.mulInPlace(keep).addInPlace(m.mul(f));
        runningVar.mulInPlace(keep).addInPlace(v.mul(f.mul(unbias)));
      }
    }
  }

  @Override
  protected String extraRepr() {
    return numFeatures + ", eps=" + eps + ", momentum=" + (momentum == null ? "None" : momentum) + ", affine=" + (weight != null)
        + ", track_running_stats=" + (runningMean != null);
  }
}
