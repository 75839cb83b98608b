package io.jgrad.losses.reg;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.tensor.Linalg;
import io.jgrad.tensor.Tensor;

/**
 * Nuclear-norm regularization of weights, {@code R = lambda * sum_l ||W_l||_*} with
 * {@code ||W||_* = sum_i sigma_i(W)}, and its proximal step, singular value soft-thresholding
 * {@code W <- U diag(max(sigma - eta*lambda, 0)) V^T}. Paper 76, "Nuclear Norm Regularization for
 * Deep Learning". A conv weight [out, in, kh, kw] is the matrix [out, in*kh*kw].
 *
 * <p>Two modes: as a penalty ({@code prox=false}, default) the (sub)gradient is
 * {@code lambda U V^T} through the SVD (checked against {@code torch.linalg.matrix_norm(W, 'nuc')});
 * as a proximal step ({@code prox=true}) nothing is added to the loss and, after every optimizer
 * step, each selected weight is replaced by its singular value soft-thresholding with
 * {@code tau = lr * lambda} (lr of the weight's parameter group), which sets small singular
 * values exactly to zero and composes with any optimizer.
 * Shape: any weight of rank >= 2. Default lambda = 1e-3 (no default in the paper).
 */
public final class NuclearNormRegularizer extends WeightPenalty {
  public static final String ID = "nuclear_norm_regularizer";
  private final boolean prox;

  public NuclearNormRegularizer(double lambda, boolean prox, ParamSelector selector) {
    super(ID, lambda, selector, NuclearNormRegularizer::nuclearNorm);
    this.prox = prox;
  }

  /** {@code ||W||_*} of the matrix view of {@code w} ([out, rest]). Shape: [m, ...] -> scalar. */
  public static Tensor nuclearNorm(Tensor w) { return Linalg.matrixNorm(matrix(ID, w), "nuc"); }

  /**
   * Singular value soft-thresholding {@code U diag(max(sigma - tau, 0)) V^T} of the matrix view,
   * reshaped back to {@code w}'s shape: the proximal map of {@code tau ||.||_*}. Not differentiated.
   */
  public static Tensor singularValueThreshold(Tensor w, double tau) {
    if (!(tau >= 0)) throw new IllegalArgumentException(ID + ": threshold tau must be >= 0, got " + tau);
    Linalg.Svd svd = Linalg.svd(matrix(ID, w).detach(), false);
    Tensor s = svd.S().sub(tau).relu();
    return svd.U().mul(s.unsqueeze(0)).matmul(svd.Vh()).reshape(w.shape());
  }

  /** The [out, rest] matrix view of a weight; {@code component} names the caller in errors. */
  static Tensor matrix(String component, Tensor w) {
    if (w.dim() < 2) {
      throw new IllegalArgumentException(component + ": needs a weight of rank >= 2, got shape " + java.util.Arrays.toString(w.shape()));
    }
    return w.dim() == 2 ? w : w.reshape(w.size(0), -1);
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) { return prox ? null : super.penalty(model, batch, output); }

  @Override
  public void afterStep(Module model, Optimizer optimizer) {
    if (!prox || coefficient == 0) return;
    for (ParamSelector.Selected s : selector.selectNonEmpty(ID, model)) {
      double lr = ProximalSteps.learningRate(optimizer, s.tensor());
      if (Double.isNaN(lr)) continue;
      ProximalSteps.update(s.tensor(), w -> singularValueThreshold(w, lr * coefficient));
    }
  }

  public boolean prox() { return prox; }
}
