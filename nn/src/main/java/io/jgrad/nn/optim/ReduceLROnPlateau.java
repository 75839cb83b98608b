package io.jgrad.nn.optim;

import java.util.List;

/**
 * Reduces lr by {@code factor} when a metric has not improved for more than {@code patience}
 * steps, as {@code torch.optim.lr_scheduler.ReduceLROnPlateau}.
 *
 * <p>Improvement (mode min / max, thresholdMode rel / abs): rel-min {@code m < best * (1 - threshold)},
 * abs-min {@code m < best - threshold}, rel-max {@code m > best * (1 + threshold)}, abs-max
 * {@code m > best + threshold}. After a reduction, {@code cooldown} steps ignore bad epochs. The
 * new lr is {@code max(lr * factor, minLr)}, applied only if it changes lr by more than 1e-8.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class ReduceLROnPlateau implements LrScheduler {
  public enum Mode { MIN, MAX }

  public enum ThresholdMode { REL, ABS }

  private static final double EPS = 1e-8;

  private final Optimizer optimizer;
  private final Mode mode;
  private final double factor;
  private final int patience;
  private final double threshold;
  private final ThresholdMode thresholdMode;
  private final int cooldown;
  private final double[] minLrs;
  private double best;
  private int numBadEpochs;
  private int cooldownCounter;
  private int lastEpoch;

  /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0. */
  public ReduceLROnPlateau(Optimizer optimizer) { this(optimizer, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0.0); }

  public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold,
                           ThresholdMode thresholdMode, int cooldown, double minLr) {
    this(optimizer, mode, factor, patience, threshold, thresholdMode, cooldown, filled(optimizer, minLr));
  }

  /** With one minimum lr per parameter group. */
  public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold,
                           ThresholdMode thresholdMode, int cooldown, double[] minLrs) {
    if (!(factor < 1.0 && factor >= 0)) throw new IllegalArgumentException("ReduceLROnPlateau: factor must be in [0, 1), got " + factor);
    if (patience < 0 || cooldown < 0) throw new IllegalArgumentException("ReduceLROnPlateau: patience and cooldown must be >= 0, got " + patience + ", " + cooldown);
    if (minLrs.length != optimizer.paramGroups().size()) {
      throw new IllegalArgumentException("ReduceLROnPlateau: " + minLrs.length + " minLrs for " + optimizer.paramGroups().size() + " parameter groups");
    }
    this.optimizer = optimizer;
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.minLrs = minLrs.clone();
    this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  private static double[] filled(Optimizer o, double v) {
    double[] a = new double[o.paramGroups().size()];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public void step() {
    throw new IllegalArgumentException("ReduceLROnPlateau: step() needs the metric; call step(metric)");
  }

  @Override
  public void step(double metric) {
    lastEpoch++;
    if (isBetter(metric)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      numBadEpochs = 0;
    }
    if (numBadEpochs > patience) {
      List<ParamGroup> gs = optimizer.paramGroups();
      for (int i = 0; i < gs.size(); i++) {
        double old = gs.get(i).lr();
        double lr = Math.max(old * factor, minLrs[i]);
        if (old - lr > EPS) gs.get(i).setLr(lr);
      }
      cooldownCounter = cooldown;
      numBadEpochs = 0;
    }
  }

  private boolean isBetter(double a) {
    if (mode == Mode.MIN) return thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode == ThresholdMode.REL ? a > best * (threshold + 1) : a > best + threshold;
  }

  public double best() { return best; }

  public int numBadEpochs() { return numBadEpochs; }

  @Override
  public double[] getLastLr() { return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray(); }
}
