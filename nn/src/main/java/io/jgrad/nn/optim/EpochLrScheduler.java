package io.jgrad.nn.optim;

import java.util.List;

/**
 * Base of the schedules whose lr is a closed form of the epoch count and each group's base lr
 * (the group's lr when the schedule was created). The constructor applies epoch 0.
 */
public abstract class EpochLrScheduler implements LrScheduler {
  protected final Optimizer optimizer;
  protected final double[] baseLrs;
  protected int lastEpoch;

  protected EpochLrScheduler(Optimizer optimizer) {
    if (optimizer == null) throw new IllegalArgumentException(getClass().getSimpleName() + ": null optimizer");
    this.optimizer = optimizer;
    List<ParamGroup> gs = optimizer.paramGroups();
    baseLrs = new double[gs.size()];
    for (int i = 0; i < baseLrs.length; i++) baseLrs[i] = gs.get(i).lr();
  }

  /** Sets the lr of epoch 0; subclasses call it at the end of their constructor. */
  protected final void init() { apply(); }

  /** The lr of a group with base lr {@code baseLr} at {@code epoch}. */
  protected abstract double lrAt(double baseLr, int epoch);

  @Override
  public void step() {
    lastEpoch++;
    apply();
  }

  private void apply() {
    List<ParamGroup> gs = optimizer.paramGroups();
    for (int i = 0; i < baseLrs.length; i++) gs.get(i).setLr(lrAt(baseLrs[i], lastEpoch));
  }

  public int lastEpoch() { return lastEpoch; }

  @Override
  public double[] getLastLr() {
    return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
  }
}
