package io.jgrad.nn.optim;

/**
 * Cosine annealing ("SGDR: Stochastic Gradient Descent with Warm Restarts", without restarts),
 * closed form: {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}.
 *
 * <p>Past {@code tMax} the cosine continues (period {@code 2 * tMax}), as PyTorch. PyTorch's
 * {@code get_lr} uses an equivalent recursive form; the golden test checks both agree within 1e-12.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.CosineAnnealingLR} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class CosineAnnealingLR extends EpochLrScheduler {
  private final int tMax;
  private final double etaMin;

  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    if (tMax <= 0) throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive, got " + tMax);
    this.tMax = tMax;
    this.etaMin = etaMin;
    init();
  }

  @Override
  protected double lrAt(double base, int epoch) {
    return etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
  }
}
