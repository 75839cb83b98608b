package io.jgrad.nn.optim;

/** {@code lr = base * gamma^epoch}. *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.ExponentialLR} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class ExponentialLR extends EpochLrScheduler {
  private final double gamma;

  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    this.gamma = gamma;
    init();
  }

  @Override
  protected double lrAt(double base, int epoch) { return base * Math.pow(gamma, epoch); }
}
