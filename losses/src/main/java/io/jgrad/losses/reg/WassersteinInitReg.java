package io.jgrad.losses.reg;

import io.jgrad.autograd.Grad;
import io.jgrad.losses.Reduction;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Wasserstein regularization toward the initial weight distribution:
 * {@code R = lambda * sum_l (1/n_l) sum_i (sort(theta_l)_i - sort(theta0_l)_i)^2}, the squared
 * 2-Wasserstein distance between the empirical distributions of a layer's current and initial
 * weights (1-D optimal transport matches sorted values). Less restrictive than L2-to-init: any
 * permutation of the initial weights costs nothing. Paper 11, "Learning Continually by Spectral
 * Regularization" (v1, arXiv 2406.06811v1, where it is the first of two regularizers).
 *
 * <p>Gradient: {@code 2/n (sort(theta) - sort(theta0))} scattered back through the sorting
 * permutation (treated as constant; at ties the split follows the sort's order).
 * Convention [derived, the paper's normalization not seen]: the per-layer mean (1/n_l) by default;
 * {@code reduction=sum} drops it. theta0 is snapshotted by {@link #snapshot} or at the first call.
 * Shape: any weight; each layer is flattened.
 */
public final class WassersteinInitReg extends Module implements Regularizer {
  public static final String ID = "wasserstein_init_reg";
  private final double lambda;
  private final Reduction reduction;
  private final ParamSelector selector;
  private final List<String> layers = new ArrayList<>();

  public WassersteinInitReg(double lambda, Reduction reduction, ParamSelector selector) {
    if (!(lambda >= 0)) throw new IllegalArgumentException(ID + ": lambda must be >= 0, got " + lambda);
    if (reduction == Reduction.NONE) throw new IllegalArgumentException(ID + ": reduction must be mean or sum, got none");
    this.lambda = lambda;
    this.reduction = reduction;
    this.selector = selector;
  }

  /**
   * {@code (1/n) sum_i (sort(theta)_i - sort(theta0)_i)^2} (or the sum), theta0 given unsorted or
   * sorted. Shape: theta and theta0 with the same number of elements -> scalar.
   */
  public static Tensor wasserstein(Tensor theta, Tensor theta0, Reduction reduction) {
    if (theta.numel() != theta0.numel()) {
      throw new IllegalArgumentException(ID + ": theta has " + theta.numel() + " elements but theta0 has " + theta0.numel()
          + " (shapes " + Arrays.toString(theta.shape()) + ", " + Arrays.toString(theta0.shape()) + ")");
    }
    Tensor a = theta.reshape(-1).sort(0, false).values();
    Tensor b = theta0.detach().reshape(-1).sort(0, false).values();
    Tensor d = a.sub(b).pow(2);
    return reduction == Reduction.SUM ? d.sum() : d.mean();
  }

  /** Stores the current weights of {@code model} as theta0 (replacing an earlier snapshot). */
  public void snapshot(Module model) {
    List<ParamSelector.Selected> sel = selector.selectNonEmpty(ID, model);
    layers.clear();
    for (int i = 0; i < sel.size(); i++) {
      Tensor w = sel.get(i).tensor();
      Tensor sorted = untracked(() -> {
        try (var off = Grad.disabled()) {
          return w.detach().reshape(-1).sort(0, false).values().copy();
        }
      });
      registerBuffer("init" + i, sorted);
      layers.add(sel.get(i).name());
    }
  }

  /** The regularizer's value before lambda (snapshotting theta0 on the first call). */
  public Tensor value(Module model) {
    if (layers.isEmpty()) snapshot(model);
    List<ParamSelector.Selected> sel = selector.selectNonEmpty(ID, model);
    if (sel.size() != layers.size()) {
      throw new IllegalArgumentException(ID + ": " + sel.size() + " tensors are selected now but " + layers.size()
          + " were snapshotted (" + layers + ")");
    }
    Tensor total = null;
    for (int i = 0; i < sel.size(); i++) {
      Tensor init = namedBuffers().get("init" + i);
      Tensor w = sel.get(i).tensor();
      if (!init.device().equals(w.device())) {
        try (var off = Grad.disabled()) {
          init.toInPlace(w.device());
        }
      }
      Tensor t = wasserstein(w, init, reduction);
      total = total == null ? t : total.add(t);
    }
    return total;
  }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor v = value(model);
    return lambda == 0 ? null : v.mul(lambda);
  }

  /** Not a layer: use it as a {@link Regularizer}. */
  @Override
  public Tensor forward(Tensor x) { throw new UnsupportedOperationException(ID + " is a regularizer, not a layer"); }

  @Override
  protected String extraRepr() { return "lambda=" + lambda + ", reduction=" + reduction + ", select=" + selector; }
}
