package io.jgrad.nn.optim;

import java.util.Arrays;

/** Decays lr by {@code gamma} at each milestone: {@code lr = base * gamma^(number of milestones <= epoch)}. *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.MultiStepLR} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class MultiStepLR extends EpochLrScheduler {
  private final int[] milestones;
  private final double gamma;

  public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
    super(optimizer);
    this.milestones = milestones.clone();
    Arrays.sort(this.milestones);
    this.gamma = gamma;
    init();
  }

  @Override
  protected double lrAt(double base, int epoch) {
    int passed = 0;
    for (int m : milestones) if (m <= epoch) passed++;
    return base * Math.pow(gamma, passed);
  }
}
