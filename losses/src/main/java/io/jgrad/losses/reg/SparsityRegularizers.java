package io.jgrad.losses.reg;

import io.jgrad.losses.Reduction;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparsity-inducing regularizers: HyperSparse (paper 45), the L1 proximal step (paper 66) and
 * the lasso objective of deep-unfolded sparse recovery (paper 53). LOBSTER is
 * {@link LobsterSensitivityDecay}; ART, the schedule around HyperSparse, is
 * {@link io.jgrad.losses.procedure.ArtSchedule}.
 */
public final class SparsityRegularizers {
  public static final String HYPERSPARSE = "hypersparse_reg", PROX_L1 = "proximal_l1_step";
  /** atanh(0.578...): HyperSparse's s makes tanh(s * |w|) = 0.578 at the pruning threshold. */
  public static final double HS_SCALE = 0.6585;

  private SparsityRegularizers() {}

  /**
   * HyperSparse, as HyperSparse/loss/HyperSparse.py: with a = |w| over all the given weights
   * concatenated, {@code s = 0.6585 / sort(sg(a))[floor(kappa n)]}, {@code t = tanh(s a)},
   * {@code HS = sum_i (a_i sum_j t_j / sg(sum_j t_j) - a_i)}. Its value is 0 by construction; its
   * gradient {@code dHS/da_i = ||w||_1 s (1 - t_i^2) / sum_j t_j} is large for small weights and
   * vanishes for the largest. Paper 45, "HyperSparse Neural Networks: Shifting Exploration to
   * Exploitation through Adaptive Regularization". kappa = the target prune rate in [0, 1).
   * d|w|/dw = 0 at w = 0 (torch's abs). Shape: tensors of any shapes -> scalar.
   */
  public static Tensor hyperSparse(List<Tensor> weights, double pruneRate) {
    if (!(pruneRate >= 0 && pruneRate < 1)) {
      throw new IllegalArgumentException(HYPERSPARSE + ": prune_rate must be in [0, 1), got " + pruneRate);
    }
    if (weights.isEmpty()) throw new IllegalArgumentException(HYPERSPARSE + ": no weights");
    List<Tensor> flat = new ArrayList<>();
    for (Tensor w : weights) flat.add(w.reshape(-1));
    Tensor a = (flat.size() == 1 ? flat.get(0) : Tensor.cat(flat, 0)).abs();
    Tensor sorted = a.detach().sort(0, false).values();
    Tensor s = sorted.select(0, (int) Math.floor(pruneRate * a.numel())).reciprocal().mul(HS_SCALE);
    Tensor total = a.mul(s).tanh().sum();
    return a.mul(total).div(total.detach()).sub(a).sum();
  }

  /** HyperSparse over a model's selected weights (all of them together): {@code lambda * HS}. */
  public static WeightPenalty hyperSparse(double lambda, double pruneRate, ParamSelector select) {
    if (!(pruneRate >= 0 && pruneRate < 1)) {
      throw new IllegalArgumentException(HYPERSPARSE + ": prune_rate must be in [0, 1), got " + pruneRate);
    }
    return new WeightPenalty(HYPERSPARSE, lambda, select, w -> w) {
      @Override
      public Tensor value(Module model) {
        return hyperSparse(selector.selectNonEmpty(HYPERSPARSE, model).stream().map(ParamSelector.Selected::tensor).toList(),
            pruneRate);
      }
    };
  }

  /**
   * The L1 proximal step: after every optimizer step, {@code w <- sign(w) max(|w| - lr lambda, 0)}
   * (soft-thresholding with the step's learning rate), the proximal gradient method for
   * {@code loss + lambda ||w||_1}. Unlike a subgradient term {@code lambda sign(w)}, it sets weights
   * exactly to zero. Paper 66, "GD doesn't make the cut: Three ways that non-differentiability
   * affects neural network training". Composes with any optimizer (the lr is read from the
   * weight's parameter group); adds nothing to the loss.
   */
  public static Regularizer proximalL1(double lambda, ParamSelector select) {
    if (!(lambda >= 0)) throw new IllegalArgumentException(PROX_L1 + ": lambda must be >= 0, got " + lambda);
    return new Regularizer() {
      @Override
      public void afterStep(Module model, Optimizer optimizer) {
        if (lambda == 0) return;
        for (ParamSelector.Selected s : select.selectNonEmpty(PROX_L1, model)) {
          double lr = ProximalSteps.learningRate(optimizer, s.tensor());
          if (!Double.isNaN(lr)) ProximalSteps.update(s.tensor(), w -> ProximalSteps.softThreshold(w, lr * lambda));
        }
      }

      @Override
      public String toString() { return PROX_L1 + "(lambda=" + lambda + ", select=" + select + ")"; }
    };
  }

  /**
   * The unsupervised lasso objective of unfolded sparse recovery, per sample
   * {@code 1/2 ||y - A x||^2 + lambda ||x||_1}, reduced over the batch. Paper 53, "Comparison
   * between Supervised and Unsupervised Learning in Deep Unfolded Sparse Signal Recovery".
   * Shape: y [B, m], A [m, n], x [B, n] -> [B] (NONE) or scalar.
   */
  public static Tensor lassoObjective(Tensor y, Tensor a, Tensor x, double lambda, Reduction reduction) {
    if (!(lambda >= 0)) throw new IllegalArgumentException("soft_threshold: lasso lambda must be >= 0, got " + lambda);
    if (a.dim() != 2 || x.size(-1) != a.size(1) || y.size(-1) != a.size(0)) {
      throw new IllegalArgumentException("soft_threshold: lasso shapes do not match: y " + java.util.Arrays.toString(y.shape())
          + ", A " + java.util.Arrays.toString(a.shape()) + ", x " + java.util.Arrays.toString(x.shape()));
    }
    int[] last = {-1};
    Tensor r = y.sub(x.matmul(a.t())).pow(2).sum(last, false).mul(0.5).add(x.abs().sum(last, false).mul(lambda));
    return switch (reduction) {
      case NONE -> r;
      case MEAN -> r.mean();
      case SUM -> r.sum();
    };
  }

  /** {@code lambda * sum_l ||W_l||_1} on a model's selected weights (a plain L1 penalty, subgradient sign(0) = 0). */
  public static WeightPenalty l1(double lambda, ParamSelector select) {
    return new WeightPenalty("l1", lambda, select, w -> w.abs().sum());
  }
}
