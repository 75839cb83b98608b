package io.jgrad.nn.optim;

/**
 * Linear warm-up (or decay) of the lr multiplier from {@code startFactor} to {@code endFactor}
 * over {@code totalIters} steps, then constant:
 * {@code lr = base * (start + (end - start) * min(epoch, totalIters) / totalIters)}.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.LinearLR} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class LinearLR extends EpochLrScheduler {
  private final double startFactor;
  private final double endFactor;
  private final int totalIters;

  public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
    super(optimizer);
    if (!(startFactor > 0 && startFactor <= 1)) throw new IllegalArgumentException("LinearLR: startFactor must be in (0, 1], got " + startFactor);
    if (!(endFactor >= 0 && endFactor <= 1)) throw new IllegalArgumentException("LinearLR: endFactor must be in [0, 1], got " + endFactor);
    if (totalIters <= 0) throw new IllegalArgumentException("LinearLR: totalIters must be positive, got " + totalIters);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    init();
  }

  @Override
  protected double lrAt(double base, int epoch) {
    return base * (startFactor + (endFactor - startFactor) * Math.min(epoch, totalIters) / totalIters);
  }
}
