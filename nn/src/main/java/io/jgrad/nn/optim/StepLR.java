package io.jgrad.nn.optim;

/** Decays lr by {@code gamma} every {@code stepSize} epochs: {@code lr = base * gamma^floor(epoch / stepSize)}. *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.StepLR} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class StepLR extends EpochLrScheduler {
  private final int stepSize;
  private final double gamma;

  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    if (stepSize <= 0) throw new IllegalArgumentException("StepLR: stepSize must be positive, got " + stepSize);
    this.stepSize = stepSize;
    this.gamma = gamma;
    init();
  }

  @Override
  protected double lrAt(double base, int epoch) { return base * Math.pow(gamma, epoch / stepSize); }
}
