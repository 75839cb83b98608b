package io.jgrad.nn.optim;

import java.util.List;

/**
 * Cosine annealing with warm restarts (SGDR): the first period lasts {@code t0} steps, each next
 * one {@code tMult} times longer; within a period
 * {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * tCur / tI)) / 2}.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts} (tools/golden/gen_optim.py, golden/optim.json).
 */
public final class CosineAnnealingWarmRestarts implements LrScheduler {
  private final Optimizer optimizer;
  private final double[] baseLrs;
  private final int tMult;
  private final double etaMin;
  private int tI;
  private int tCur;

  public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
    if (t0 <= 0) throw new IllegalArgumentException("CosineAnnealingWarmRestarts: t0 must be positive, got " + t0);
    if (tMult < 1) throw new IllegalArgumentException("CosineAnnealingWarmRestarts: tMult must be >= 1, got " + tMult);
    this.optimizer = optimizer;
    this.tMult = tMult;
    this.etaMin = etaMin;
    this.tI = t0;
    List<ParamGroup> gs = optimizer.paramGroups();
    baseLrs = gs.stream().mapToDouble(ParamGroup::lr).toArray();
    apply();
  }

  @Override
  public void step() {
    tCur++;
    if (tCur >= tI) {
      tCur -= tI;
      tI *= tMult;
    }
    apply();
  }

  private void apply() {
    List<ParamGroup> gs = optimizer.paramGroups();
    for (int i = 0; i < baseLrs.length; i++) {
      gs.get(i).setLr(etaMin + (baseLrs[i] - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2);
    }
  }

  @Override
  public double[] getLastLr() { return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray(); }
}
