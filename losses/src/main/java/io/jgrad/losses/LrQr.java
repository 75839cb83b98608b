package io.jgrad.losses;

import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.Grad;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Likelihood-ratio regularized quantile regression (LR-QR), paper 61 ("Conformal Inference under
 * High-Dimensional Covariate Shifts via Likelihood-Ratio Regularization", Joshi, Kiyani, Pappas,
 * Dobriban and Hassani; Algorithm 1, read in the paper's text): a conformal threshold
 * {@code h(x) = ⟨γ, Φ(x)⟩} fitted on labelled source data, regularized with unlabelled data so
 * that its prediction sets {@code {y : S(x, y) ≤ h(x)}} keep 1 − α coverage on a covariate-shifted
 * target domain, without estimating the likelihood ratio:
 * <pre>
 *   (ĥ, β̂) = argmin_{h ∈ H, β ∈ R}  Ê1[ℓ_α(h(X), S)] + λ·Ê3[β²·h(X)²] + λ·Ê2[−2β·h(X)]
 * </pre>
 * with Ê1 over the labelled source points (scores S), Ê2 over unlabelled target points and Ê3
 * over unlabelled source points; {@code ℓ_α} is the pinball loss at level 1 − α in the score
 * ({@link QuantileLosses#pinball}, τ = 1 − α, u = S − h). The paper chooses λ near its
 * theoretical optimum (of order √((n2 + n3)/n1)) and cross-validates a grid below it; that choice
 * is left to the caller. H is linear in the features Φ and must contain the constants (the
 * paper's Condition 9): {@code fitIntercept} appends a column of ones.
 */
public final class LrQr {
  private LrQr() {}

  /**
   * The LR-QR objective at thresholds {@code hSource} (h on the labelled source points, [n1]),
   * {@code hTarget} ([n2]), {@code hUnlabeled} ([n3]) and the scalar {@code beta}. Differentiable
   * in all four. Returns a scalar.
   */
  public static Tensor objective(Tensor hSource, Tensor scores, Tensor hTarget, Tensor hUnlabeled, Tensor beta,
                                 double alpha, double lambda) {
    String op = "lr_qr_threshold_fit";
    Check.notNull(op, "hSource", hSource, "scores", scores, "hTarget", hTarget, "hUnlabeled", hUnlabeled, "beta", beta);
    checkAlphaLambda(op, alpha, lambda);
    Tensor fit = QuantileLosses.pinball(hSource, scores, new double[] {1 - alpha}, Reduction.MEAN);
    Tensor reg = beta.mul(beta).mul(hUnlabeled.mul(hUnlabeled).mean()).sub(beta.mul(hTarget.mean()).mul(2));
    return fit.add(reg.mul(lambda));
  }

  private static void checkAlphaLambda(String op, double alpha, double lambda) {
    if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException(op + ": alpha must be in (0, 1), got " + alpha);
    if (!(lambda >= 0) || !Double.isFinite(lambda)) throw new IllegalArgumentException(op + ": lambda must be >= 0, got " + lambda);
  }

  /** A fitted threshold {@code h(x) = ⟨gamma, Φ(x)⟩} (+ the intercept when fitted) and the scale β. */
  public record Threshold(double[] gamma, double intercept, boolean hasIntercept, double beta) {
    /** h at features phi [n, d]: [n]. */
    public Tensor predict(Tensor phi) {
      Tensor g = Tensor.of(gamma).to(phi.dtype()).to(phi.device());
      Tensor h = phi.matmul(g);
      return hasIntercept ? h.add(intercept) : h;
    }

    /** Whether score ≤ h(x) for each point: the prediction-set membership of the true label. */
    public Tensor covers(Tensor phi, Tensor scores) { return scores.le(predict(phi)); }
  }

  /**
   * Fits (γ, β) by full-batch Adam on {@link #objective} (the pinball term is not smooth, so a
   * first-order method with a decaying step is used: lr·(1 − k/steps)). Starts at γ = 0 with the
   * intercept at the (1 − α) empirical quantile of the scores and β = 1.
   *
   * <p>Shape: phiSource [n1, d], scores [n1], phiTarget [n2, d], phiUnlabeled [n3, d].
   */
  public static Threshold fit(Tensor phiSource, Tensor scores, Tensor phiTarget, Tensor phiUnlabeled, double alpha,
                              double lambda, boolean fitIntercept, int steps, double lr) {
    String op = "lr_qr_threshold_fit";
    Check.notNull(op, "phiSource", phiSource, "scores", scores, "phiTarget", phiTarget, "phiUnlabeled", phiUnlabeled);
    checkAlphaLambda(op, alpha, lambda);
    if (steps < 1) throw new IllegalArgumentException(op + ": steps must be >= 1, got " + steps);
    if (!(lr > 0)) throw new IllegalArgumentException(op + ": lr must be > 0, got " + lr);
    int d = phiSource.dim() == 2 ? phiSource.size(1) : -1;
    for (Tensor t : List.of(phiSource, phiTarget, phiUnlabeled)) {
      if (t.dim() != 2 || t.size(1) != d) {
        throw new IllegalArgumentException(op + ": features must be [n, d] with one d, got " + Check.shape(phiSource) + ", "
            + Check.shape(phiTarget) + ", " + Check.shape(phiUnlabeled));
      }
    }
    if (scores.dim() != 1 || scores.size(0) != phiSource.size(0)) {
      throw new IllegalArgumentException(op + ": scores must be [" + phiSource.size(0) + "], got " + Check.shape(scores));
    }
    Tensor x1 = design(phiSource, fitIntercept), x2 = design(phiTarget, fitIntercept), x3 = design(phiUnlabeled, fitIntercept);
    Tensor s = scores.to(DType.FLOAT64);
    int p = x1.size(1);
    double[] g0 = new double[p];
    if (fitIntercept) g0[p - 1] = empiricalQuantile(s.toDoubleArray(), 1 - alpha);
    Tensor gamma = Tensor.of(g0).requiresGrad(true);
    Tensor beta = Tensor.of(1.0).reshape().requiresGrad(true);
    List<Tensor> params = List.of(gamma, beta);
    double[][] m = {new double[p], new double[1]}, v = {new double[p], new double[1]};
    double b1 = 0.9, b2 = 0.999;
    for (int k = 1; k <= steps; k++) {
      Tensor loss = objective(x1.matmul(gamma), s, x2.matmul(gamma), x3.matmul(gamma), beta, alpha, lambda);
      List<Tensor> grads = Autograd.grad(List.of(loss), params, null, false, false, true);
      double step = lr * (1 - (k - 1.0) / steps);
      try (var off = Grad.disabled()) {
        for (int i = 0; i < 2; i++) {
          double[] g = grads.get(i).toDoubleArray(), w = params.get(i).toDoubleArray();
          for (int j = 0; j < g.length; j++) {
            m[i][j] = b1 * m[i][j] + (1 - b1) * g[j];
            v[i][j] = b2 * v[i][j] + (1 - b2) * g[j] * g[j];
            double mh = m[i][j] / (1 - Math.pow(b1, k)), vh = v[i][j] / (1 - Math.pow(b2, k));
            w[j] -= step * mh / (Math.sqrt(vh) + 1e-8);
          }
          params.get(i).copyFrom(Tensor.of(w).reshape(params.get(i).shape()));
        }
      }
    }
    double[] g = gamma.detach().toDoubleArray();
    double intercept = fitIntercept ? g[p - 1] : 0;
    double[] coef = fitIntercept ? java.util.Arrays.copyOf(g, p - 1) : g;
    return new Threshold(coef, intercept, fitIntercept, beta.detach().item());
  }

  private static Tensor design(Tensor phi, boolean intercept) {
    Tensor x = phi.to(DType.FLOAT64);
    return intercept ? Tensor.cat(List.of(x, Tensor.ones(DType.FLOAT64, x.size(0), 1)), 1) : x;
  }

  /** The ⌈q·n⌉-th smallest value (the lower empirical q-quantile). */
  static double empiricalQuantile(double[] values, double q) {
    double[] s = values.clone();
    java.util.Arrays.sort(s);
    if (s.length == 0) return 0;
    int k = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, k))];
  }

  /** An LR-QR fit with fixed settings (what the registry's {@code lr_qr_threshold_fit} returns). */
  public record Fitter(double alpha, double lambda, boolean fitIntercept, int steps, double lr) {
    public Fitter {
      checkAlphaLambda("lr_qr_threshold_fit", alpha, lambda);
      if (steps < 1) throw new IllegalArgumentException("lr_qr_threshold_fit: steps must be >= 1, got " + steps);
      if (!(lr > 0)) throw new IllegalArgumentException("lr_qr_threshold_fit: lr must be > 0, got " + lr);
    }

    /** {@link LrQr#fit} with these settings. */
    public Threshold fit(Tensor phiSource, Tensor scores, Tensor phiTarget, Tensor phiUnlabeled) {
      return LrQr.fit(phiSource, scores, phiTarget, phiUnlabeled, alpha, lambda, fitIntercept, steps, lr);
    }
  }
}
