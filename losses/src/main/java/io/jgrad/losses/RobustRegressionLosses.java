package io.jgrad.losses;

import io.jgrad.tensor.Tensor;

/**
 * Regression losses that resist outliers: the scheduled pseudo-Huber loss (paper 85), proximal
 * matching (paper 100) and the Z-error loss (paper 106). Composed from differentiable tensor ops.
 */
public final class RobustRegressionLosses {
  private RobustRegressionLosses() {}

  /**
   * Pseudo-Huber loss with {@code d = input − target} and {@code c > 0}: "huber"
   * {@code ℓ = scale·c·(√(d² + c²) − c)} (≈ d² for |d| ≪ c and 2c|d| for |d| ≫ c when scale = 2)
   * or "smooth_l1" {@code ℓ = scale·(√(d² + c²) − c)} (≈ d²/c near 0, 2|d| far away). Paper 85
   * ("Improving Diffusion Models's Data-Corruption Resistance using Scheduled Pseudo-Huber
   * Loss"); values checked against diffusers' {@code conditional_loss}
   * ({@code examples/research_projects/scheduled_huber_loss_training}), which uses
   * {@code scale = 2}: that is the default here. {@code scale = 1} with "huber" is the textbook
   * pseudo-Huber loss {@code δ²(√(1 + (d/δ)²) − 1)} with δ = c (half the diffusers value).
   * {@code c} is a scalar or a per-sample tensor [B] (broadcast over the other dims, as
   * diffusers' {@code c.view(-1, 1, ...)}); see {@link #huberC} for its schedule over diffusion
   * timesteps. Reference value: input [0.5, −1, 2, 0], target [0, 0, 0, 0.1], c = 0.1: "huber"
   * mean 0.162940, "smooth_l1" mean 1.629405.
   *
   * <p>Shape: input and target any equal shapes; NONE keeps it.
   */
  public static Tensor pseudoHuber(Tensor input, Tensor target, Tensor c, String lossType, double scale,
                                   Reduction reduction) {
    String op = "pseudo_huber_loss";
    Check.notNull(op, "input", input, "target", target, "c", c, "loss_type", lossType, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    if (!lossType.equals("huber") && !lossType.equals("smooth_l1")) {
      throw new IllegalArgumentException(op + ": loss_type must be huber or smooth_l1, got '" + lossType + "'");
    }
    if (!(scale > 0) || !Double.isFinite(scale)) throw new IllegalArgumentException(op + ": scale must be > 0, got " + scale);
    Tensor cc = c.to(input.dtype());
    if (cc.dim() == 1 && input.dim() > 1 && cc.size(0) == input.size(0)) {
      int[] s = new int[input.dim()];
      java.util.Arrays.fill(s, 1);
      s[0] = cc.size(0);
      cc = cc.reshape(s);
    }
    Tensor d = input.sub(target);
    Tensor root = d.mul(d).add(cc.mul(cc)).sqrt().sub(cc);
    Tensor loss = lossType.equals("huber") ? root.mul(cc).mul(scale) : root.mul(scale);
    return Check.reduce(loss, reduction);
  }

  /** {@link #pseudoHuber(Tensor, Tensor, Tensor, String, double, Reduction)} with one c for every element. */
  public static Tensor pseudoHuber(Tensor input, Tensor target, double c, String lossType, double scale,
                                   Reduction reduction) {
    if (!(c > 0) || !Double.isFinite(c)) throw new IllegalArgumentException("pseudo_huber_loss: c must be > 0, got " + c);
    Tensor cc = Tensor.full(new int[0], c, input.dtype(), input.device());
    return pseudoHuber(input, target, cc, lossType, scale, reduction);
  }

  /**
   * The pseudo-Huber parameter for diffusion timestep t (paper 85; diffusers'
   * {@code --huber_schedule}): "constant" {@code c = huberC·huberScale}; "exponential"
   * {@code c(t) = huberScale·exp(−a·t)} with {@code a = −ln(huberC)/T}, so c(0) = huberScale and
   * c(T) = huberC·huberScale; "snr" {@code c(t) = (1 − huberC)/(1 + σ_t)² + huberC} with
   * {@code σ_t = √((1 − ᾱ_t)/ᾱ_t)} ({@code alphaBar} = ᾱ_t, the noise scheduler's cumulative
   * product; huberScale does not enter, as diffusers). diffusers has no huber_scale (it is 1);
   * the scale follows the sd-scripts argument of the same name. Defaults: huberC 0.1,
   * huberScale 1, T = 1000. Reference: exponential, huberC 0.1: c(0) = 1, c(500) = 0.316228,
   * c(999) = 0.100231.
   */
  public static double huberC(String schedule, int t, int numTrainTimesteps, double huberC, double huberScale,
                              double alphaBar) {
    String op = "huber_c_schedule";
    if (!(huberC > 0) || !Double.isFinite(huberC)) throw new IllegalArgumentException(op + ": huber_c must be > 0, got " + huberC);
    if (!(huberScale > 0)) throw new IllegalArgumentException(op + ": huber_scale must be > 0, got " + huberScale);
    if (schedule == null) throw new IllegalArgumentException(op + ": schedule is null");
    switch (schedule) {
      case "constant":
        return huberC * huberScale;
      case "exponential": {
        if (numTrainTimesteps <= 0) {
          throw new IllegalArgumentException(op + ": num_train_timesteps must be > 0, got " + numTrainTimesteps);
        }
        if (t < 0) throw new IllegalArgumentException(op + ": timestep must be >= 0, got " + t);
        double a = -Math.log(huberC) / numTrainTimesteps;
        return Math.exp(-a * t) * huberScale;
      }
      case "snr": {
        if (!(alphaBar > 0 && alphaBar <= 1)) throw new IllegalArgumentException(op + ": alpha_bar must be in (0, 1], got " + alphaBar);
        double sigma = Math.sqrt((1 - alphaBar) / alphaBar);
        return (1 - huberC) / ((1 + sigma) * (1 + sigma)) + huberC;
      }
      default:
        throw new IllegalArgumentException(op + ": schedule must be constant, exponential or snr, got '" + schedule + "'");
    }
  }

  /**
   * Proximal matching loss {@code ℓ = 1 − exp(−(d_i/γ)²)} with {@code d_i = ‖x̂_i − x_i‖₂} over
   * each sample's elements: a smooth surrogate of the 0-1 ("Dirac") loss as γ → 0, which pulls a
   * prediction to a mode of the target distribution rather than its mean. Paper 100 ("What's in
   * a Prior? Learned Proximal Networks for Inverse Problems"); transcribed from the authors'
   * {@code lpn/utils/utils.py} ({@code exp_func}, {@code ExpDiracSrgt}). The reference takes
   * {@code sqrt} then squares it; here {@code d_i²/γ²} is formed directly: the same value, and a
   * finite gradient where a sample's distance is exactly 0 (the reference's is NaN there).
   * Reference value: distances 0.1 and √2, γ = 0.5, mean 0.519438.
   *
   * <p>Shape: input and target [B, ...] equal shapes; NONE gives [B].
   */
  public static Tensor proximalMatching(Tensor input, Tensor target, double gamma, Reduction reduction) {
    String op = "proximal_matching_loss";
    Check.notNull(op, "input", input, "target", target, "reduction", reduction);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    if (!(gamma > 0) || !Double.isFinite(gamma)) throw new IllegalArgumentException(op + ": gamma must be > 0, got " + gamma);
    if (input.dim() < 1) throw new IllegalArgumentException(op + ": input must be [B, ...], got a scalar");
    Tensor d = input.sub(target).reshape(input.size(0), -1);
    Tensor sq = d.mul(d).sum(new int[] {1}, false);
    return Check.reduce(sq.div(gamma * gamma).neg().exp().neg().add(1), reduction);
  }

  /**
   * The proximal matching training schedule of paper 100 ({@code get_loss_hparams_and_lr}):
   * steps below {@code numStepsPretrain} use an L1 loss ({@code pretrain = true}); the remaining
   * steps are split into {@code numStages} equal stages and stage s uses
   * {@code γ = γ_min·2^(numStages − 1 − s)} (γ halves at each stage; steps past the last stage stay
   * in it).
   */
  public record ProximalMatchingStage(boolean pretrain, double gamma) {
    public static ProximalMatchingStage at(long step, long numSteps, long numStepsPretrain, int numStages, double gammaMin) {
      String op = "proximal_matching_loss";
      if (numStages < 1) throw new IllegalArgumentException(op + ": num_stages must be >= 1, got " + numStages);
      if (!(gammaMin > 0)) throw new IllegalArgumentException(op + ": gamma_min must be > 0, got " + gammaMin);
      if (numSteps - numStepsPretrain < numStages) {
        throw new IllegalArgumentException(op + ": num_steps - num_steps_pretrain (" + (numSteps - numStepsPretrain)
            + ") must be >= num_stages (" + numStages + ")");
      }
      if (step < numStepsPretrain) return new ProximalMatchingStage(true, Double.NaN);
      long perStage = (numSteps - numStepsPretrain) / numStages;
      long stage = Math.min((step - numStepsPretrain) / perStage, numStages - 1);
      return new ProximalMatchingStage(false, gammaMin * Math.pow(2, numStages - 1 - stage));
    }
  }

  /**
   * Z-error loss (Z-MSE): {@code e_i = y_i − ŷ_i}; with the batch mean μ and the unbiased standard
   * deviation s of e (constants, no gradient), {@code z_i = (e_i − μ)/(s + ε)} and the inlier mask
   * {@code m_i = 1[|z_i| ≤ τ]}; {@code L = Σ m_i e_i² / Σ m_i}. Paper 106 ("Z-Error Loss for
   * Training Neural Networks"); the error-based statistics follow the technical note's code as
   * summarised in the catalog; the note's text also describes statistics of the per-sample loss,
   * an annealed τ and a classification form, which are not implemented. τ = 2 ("2-sigma") and
   * ε = 1e-8 are parameters (not confirmed defaults). No inlier left (Σm = 0, e.g. a batch of one,
   * where s is NaN) gives 0 with a zero gradient. Every element counts as one sample. Reference
   * value: residuals [0.1, −0.2, 0.05, 0, 5, 0.15, −0.1], τ = 2: only 5.0 is masked, loss 0.014167.
   *
   * <p>Shape: input and target equal shapes (e.g. [N] or [N, 1]). Returns a scalar.
   */
  public static Tensor zError(Tensor input, Tensor target, double tau, double eps) {
    String op = "z_error_loss";
    Check.notNull(op, "input", input, "target", target);
    Check.floating(op, "input", input);
    Check.floating(op, "target", target);
    Check.sameShape(op, input, "input", target, "target");
    Tensor e = target.sub(input).flatten();
    Tensor m = zErrorMask(e, tau, eps).to(e.dtype());
    Tensor count = m.sum();
    // Σm = 0: divide by 1 instead (the masked sum is 0 and so is its gradient)
    Tensor safe = Tensor.where(count.gt(0), count, 1.0);
    return e.mul(e).mul(m).sum().div(safe);
  }

  /**
   * The Z-error inlier mask {@code |z_i| ≤ τ} of {@code errors} (bool, same shape, no gradient):
   * {@code z = (e − mean(e))/(std_unbiased(e) + ε)} over all elements. For data curation: false
   * marks the samples the loss ignores.
   */
  public static Tensor zErrorMask(Tensor errors, double tau, double eps) {
    String op = "z_error_loss";
    Check.notNull(op, "errors", errors);
    if (!(tau > 0) || Double.isNaN(tau)) throw new IllegalArgumentException(op + ": tau must be > 0, got " + tau);
    if (!(eps >= 0) || !Double.isFinite(eps)) throw new IllegalArgumentException(op + ": eps must be >= 0, got " + eps);
    Tensor e = errors.detach();
    Tensor z = e.sub(e.mean()).div(e.std().add(eps));
    return z.abs().le(tau);
  }
}
