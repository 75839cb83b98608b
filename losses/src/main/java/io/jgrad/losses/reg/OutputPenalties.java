package io.jgrad.losses.reg;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Penalties on a classifier's outputs: entropy minimisation and spectral decoupling (catalog ids
 * {@code entropy_min_loss}, {@code spectral_decoupling}). Unweighted here; the
 * {@link EntropyMinimization} and {@link SpectralDecoupling} regularizers apply the coefficient.
 */
public final class OutputPenalties {
  private OutputPenalties() {}

  /**
   * Mean prediction entropy {@code H = mean_i -sum_k p_ik log p_ik}, p = softmax(logits, 1),
   * computed as {@code -sum_k softmax * logSoftmax} (finite for saturated logits). Paper 21,
   * "Virtual Adversarial Training: A Regularization Method for Supervised and Semi-Supervised
   * Learning" (Miyato et al. 2018), the VAT+EntMin variant (Grandvalet and Bengio 2005).
   * Uniform p gives log C. Shape: logits [N, C, d1, ...] -> scalar (mean over N and the d's).
   */
  public static Tensor entropy(Tensor logits) {
    String op = "entropy_min_loss";
    checkLogits(op, logits);
    if (logits.dim() < 2) throw new IllegalArgumentException(op + ": logits must be [N, C, ...], got " + Arrays.toString(logits.shape()));
    Tensor logp = logits.logSoftmax(1);
    return logp.exp().mul(logp).sum(1).neg().mean();
  }

  /**
   * Spectral decoupling, paper 92 ("Gradient Starvation: A Learning Proclivity in Neural
   * Networks", Pezeshki et al. 2021), the form of {@code mohammadpz/Gradient_Starvation} (cmnist.py,
   * moon_fig_2.py): {@code mean(yhat^2)} over the batch and the outputs, an L2 penalty on the
   * logits (the paper writes {@code (lambda/2) ||yhat||^2}). Shape: output any -> scalar.
   */
  public static Tensor spectralDecoupling(Tensor output) {
    checkLogits("spectral_decoupling", output);
    return output.mul(output).mean();
  }

  /**
   * The per-class-target variant of spectral decoupling (Table_2/loss.py, mode 'spw3'), for one
   * logit per sample and 0/1 labels: {@code mean_{y=1} (yhat - gamma1)^2 + mean_{y=0} (yhat - gamma0)^2}
   * (the reference uses gamma1 = 2.5, gamma0 = 0.44). A class absent from the batch adds 0 (the
   * reference's empty mean would be NaN). Shape: output [N] or [N, 1], target [N] -> scalar.
   */
  public static Tensor spectralDecoupling(Tensor output, Tensor target, double gammaPos, double gammaNeg) {
    String op = "spectral_decoupling";
    checkLogits(op, output);
    if (target == null) throw new IllegalArgumentException(op + ": target is null");
    Tensor y = output.reshape(-1);
    if (target.numel() != y.numel()) {
      throw new IllegalArgumentException(op + ": per-class mode needs one output per sample, got output "
          + Arrays.toString(output.shape()) + " and target " + Arrays.toString(target.shape()));
    }
    Tensor pos = target.reshape(-1).to(DType.FLOAT64).eq(1).to(y.dtype());
    Tensor neg = pos.neg().add(1);
    return masked(y.sub(gammaPos), pos).add(masked(y.sub(gammaNeg), neg));
  }

  /** sum(mask * d^2) / max(sum(mask), 1). */
  private static Tensor masked(Tensor d, Tensor mask) {
    return d.mul(d).mul(mask).sum().div(mask.sum().clampMin(1));
  }

  private static void checkLogits(String op, Tensor t) {
    if (t == null) throw new IllegalArgumentException(op + ": output is null");
    if (!t.dtype().isFloatingPoint()) throw new IllegalArgumentException(op + ": output must be floating point, got " + t.dtype());
  }
}
