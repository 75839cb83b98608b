package io.jgrad.nn.optim;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.List;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} / {@code clip_grad_value_}.
 *
 * <p>Checked against PyTorch 1.13.1 (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class Clip {
  private Clip() {}

  /** {@link #gradNorm(List, double, double, boolean)} with the 2-norm and no error on non-finite norms. */
  public static double gradNorm(List<Tensor> params, double maxNorm) { return gradNorm(params, maxNorm, 2.0, false); }

  public static double gradNorm(List<Tensor> params, double maxNorm, double normType) { return gradNorm(params, maxNorm, normType, false); }

  /**
   * Scales the gradients in place so that their total norm is at most {@code maxNorm}.
   * <pre>
   *   total = || (||g_1||_p, ..., ||g_n||_p) ||_p      (p = inf: max |g|)
   *   coef  = maxNorm / (total + 1e-6);  if coef &lt; 1: g_i = g_i * coef
   * </pre>
   * Parameters with a null gradient are ignored; with none, returns 0. A non-finite total throws
   * IllegalArgumentException when {@code errorIfNonfinite}, otherwise (as PyTorch) the NaN
   * coefficient propagates into the gradients.
   *
   * @return the total norm before clipping
   */
  public static double gradNorm(List<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
    if (!(normType > 0)) throw new IllegalArgumentException("Clip.gradNorm: normType must be positive or Infinity, got " + normType);
    if (Double.isNaN(maxNorm)) throw new IllegalArgumentException("Clip.gradNorm: maxNorm is NaN");
    List<Tensor> grads = params.stream().map(Tensor::grad).filter(g -> g != null).toList();
    if (grads.isEmpty()) return 0.0;
    double total;
    try (var off = Grad.disabled(); TensorScope scope = TensorScope.open()) {
      // One read-back for the total, not one per parameter (a device round trip each).
      List<Tensor> norms = new java.util.ArrayList<>(grads.size());
      for (Tensor g : grads) norms.add(g.norm(normType, new int[0], false).to(io.jgrad.tensor.DType.FLOAT64));
      total = Tensor.stack(norms, 0).norm(normType, new int[0], false).item();
      if (errorIfNonfinite && !Double.isFinite(total)) {
        throw new IllegalArgumentException("Clip.gradNorm: the total norm of order " + normType + " of the gradients is non-finite ("
            + total + "), so it cannot be clipped; pass errorIfNonfinite=false to ignore");
      }
      double coef = maxNorm / (total + 1e-6);
      if (!(coef >= 1.0)) for (Tensor g : grads) g.mulInPlace(coef);
    }
    return total;
  }

  /** Clamps every gradient element into {@code [-clip, clip]} in place. */
  public static void gradValue(List<Tensor> params, double clip) {
    if (!(clip >= 0)) throw new IllegalArgumentException("Clip.gradValue: clip must be >= 0, got " + clip);
    try (var off = Grad.disabled()) {
      for (Tensor p : params) if (p.grad() != null) p.grad().clampInPlace(-clip, clip);
    }
  }
}
