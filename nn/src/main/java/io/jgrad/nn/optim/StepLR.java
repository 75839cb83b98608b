package io.jgrad.nn.optim;

/** Decays lr by {@code gamma} every {@code stepSize} epochs: {@code lr = base * gamma^floor(epoch / stepSize)}. */
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
