package io.jgrad.losses.reg;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.tensor.Tensor;

/**
 * Spectral decoupling as a regularizer, catalog id {@code spectral_decoupling}: adds
 * {@code sdCoef * mean(yhat^2)} ({@link OutputPenalties#spectralDecoupling(Tensor)}) to each
 * step's loss, or, with {@code perClass}, {@code sdCoef * (mean_{y=1}(yhat - gammaPos)^2 + mean_{y=0}(yhat - gammaNeg)^2)}
 * for a single-logit binary output.
 *
 * <p>Default coefficient 0.003 is the reference's two-moons setting (moon_fig_2.py). Its CMNIST
 * run uses sd_coef = 2e-5 but, after 450 steps, minimises {@code sd_coef * (sd + nll)}: the
 * penalty then has weight 1 against the cross entropy and the learning rate is scaled by sd_coef;
 * that is {@code sdCoef = 1} here with the learning rate scaled by 2e-5.
 */
public record SpectralDecoupling(double sdCoef, boolean perClass, double gammaPos, double gammaNeg) implements Regularizer {
  public SpectralDecoupling {
    if (!(sdCoef >= 0) || Double.isInfinite(sdCoef)) {
      throw new IllegalArgumentException("spectral_decoupling: sd_coef must be >= 0 and finite, got " + sdCoef);
    }
    if (!Double.isFinite(gammaPos) || !Double.isFinite(gammaNeg)) {
      throw new IllegalArgumentException("spectral_decoupling: gamma_pos and gamma_neg must be finite, got " + gammaPos + ", " + gammaNeg);
    }
  }

  /** The plain form {@code sdCoef * mean(yhat^2)}. */
  public SpectralDecoupling(double sdCoef) { this(sdCoef, false, 2.5, 0.44); }

  @Override
  public Tensor penalty(Module model, Batch batch, Tensor output) {
    Tensor p = perClass ? OutputPenalties.spectralDecoupling(output, batch.y(), gammaPos, gammaNeg)
        : OutputPenalties.spectralDecoupling(output);
    return p.mul(sdCoef);
  }
}
