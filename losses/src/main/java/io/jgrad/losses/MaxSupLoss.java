package io.jgrad.losses;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.EpochResult;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.TrainerState;
import io.jgrad.tensor.Tensor;

/**
 * MaxSup with its epoch schedule, catalog id {@code maxsup_loss}: the objective
 * {@link CalibrationLosses#maxSupLoss} (MEAN) with
 * {@code alpha_e = alpha + (alphaEnd - alpha) e / E}, e the zero-based epoch and E the number of
 * epochs, as {@code MaxSuppression} in the reference's Conv/ffcv/losses.py (its defaults 0.1 and
 * 0.2). The schedule advances only when this object is also registered as a Trainer callback;
 * otherwise alpha stays at its starting value. alphaEnd = alpha gives a constant weight.
 */
public final class MaxSupLoss implements Objective, Callback {
  private final double alpha;
  private final double alphaEnd;
  private final int ignoreIndex;
  private int epoch;
  private int epochs;

  public MaxSupLoss(double alpha, double alphaEnd, int ignoreIndex) {
    ClassTargets.finite("maxsup_loss", "alpha", alpha);
    ClassTargets.finite("maxsup_loss", "alpha_end", alphaEnd);
    this.alpha = alpha;
    this.alphaEnd = alphaEnd;
    this.ignoreIndex = ignoreIndex;
  }

  /** The weight used by the next loss. */
  public double currentAlpha() { return epochs <= 0 ? alpha : alpha + (alphaEnd - alpha) * epoch / epochs; }

  /** Sets the zero-based epoch and the epoch count by hand (for loops without a Trainer). */
  public void setEpoch(int epoch, int epochs) {
    if (epoch < 0 || epochs < 0) throw new IllegalArgumentException("maxsup_loss: epoch and epochs must be >= 0, got " + epoch + ", " + epochs);
    this.epoch = epoch;
    this.epochs = epochs;
  }

  @Override
  public Tensor loss(Tensor output, Batch batch) {
    return CalibrationLosses.maxSupLoss(output, batch.y(), currentAlpha(), ignoreIndex, Reduction.MEAN);
  }

  @Override
  public void onTrainStart(TrainerState s) { setEpoch(Math.max(0, s.epoch() - 1), s.epochs()); }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) { setEpoch(s.epoch(), s.epochs()); }
}
