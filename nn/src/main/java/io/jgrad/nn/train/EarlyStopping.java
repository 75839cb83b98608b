package io.jgrad.nn.train;

/**
 * Stops training when a monitored metric has not improved by more than {@code minDelta} for
 * {@code patience} consecutive epochs (Keras' EarlyStopping): with patience 2, training stops
 * after the second epoch in a row without improvement. The first epoch always sets the best value.
 */
public final class EarlyStopping implements Callback {
  private final Monitor monitor;
  private final int patience;
  private final double minDelta;
  private double best = Double.NaN;
  private int bestEpoch;
  private int wait;

  /** {@code monitor}: "val_loss", "val_accuracy", "train_loss" (or "train_accuracy"). */
  public EarlyStopping(String monitor, int patience, double minDelta) {
    this.monitor = Monitor.of("EarlyStopping", monitor);
    if (patience < 0) throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
    if (!(minDelta >= 0)) throw new IllegalArgumentException("EarlyStopping: minDelta must be >= 0, got " + minDelta);
    this.patience = patience;
    this.minDelta = minDelta;
  }

  @Override
  public void onTrainStart(TrainerState s) {
    best = Double.NaN;
    bestEpoch = 0;
    wait = 0;
  }

  @Override
  public void onEpochEnd(TrainerState s, EpochResult r) {
    double v = monitor.value(r);
    if (monitor.improves(v, best, minDelta)) {
      best = v;
      bestEpoch = r.epoch();
      wait = 0;
      return;
    }
    wait++;
    if (wait >= patience) {
      s.requestStop("early stopping: " + monitor.name() + " did not improve by more than " + minDelta + " for " + wait
          + (wait == 1 ? " epoch" : " epochs") + " (best " + best + " at epoch " + bestEpoch + ")");
    }
  }

  /** The best monitored value so far (NaN before the first epoch). */
  public double best() { return best; }

  /** The epoch of {@link #best} (0 before the first epoch). */
  public int bestEpoch() { return bestEpoch; }
}
