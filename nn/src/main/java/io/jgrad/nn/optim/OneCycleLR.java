package io.jgrad.nn.optim;

import java.util.List;

/**
 * The one-cycle policy ("A disciplined approach to neural network hyper-parameters", Smith
 * 2018), two-phase form of {@code torch.optim.lr_scheduler.OneCycleLR} (three-phase off): lr rises
 * from {@code maxLr / divFactor} to {@code maxLr} over the first {@code pctStart * totalSteps - 1}
 * steps, then anneals to {@code maxLr / divFactor / finalDivFactor} at step {@code totalSteps - 1};
 * with {@code cycleMomentum} the momentum moves inversely, {@code maxMomentum -> baseMomentum -> maxMomentum}.
 *
 * <p>Annealing from a to b at fraction x: cos {@code b + (a - b) / 2 * (1 + cos(pi x))}, linear
 * {@code a + (b - a) x}. Momentum is the group's {@code momentum} option (SGD, RMSprop) or
 * {@code beta1} (Adam, AdamW). Stepping past {@code totalSteps} throws. One {@code maxLr} for all
 * groups (PyTorch also accepts one per group; not supported here): every group gets the same lr.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.OneCycleLR} (tools/golden/gen_optim.py, golden/optim.json).
 * Paper: "A disciplined approach to neural network hyper-parameters: Part 1" (shared/papers/titles.txt no. 95).
 */
public final class OneCycleLR implements LrScheduler {
  public enum Anneal { COS, LINEAR }

  private final Optimizer optimizer;
  private final int totalSteps;
  private final double initialLr;
  private final double maxLr;
  private final double minLr;
  private final double phase1End;
  private final Anneal anneal;
  private final boolean cycleMomentum;
  private final double baseMomentum;
  private final double maxMomentum;
  private final String momentumKey;
  private int stepNum;

  /** PyTorch's defaults: pctStart 0.3, cos, divFactor 25, finalDivFactor 1e4, momentum 0.85 -> 0.95. */
  public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
    this(optimizer, maxLr, totalSteps, 0.3, Anneal.COS, 25, 1e4, true, 0.85, 0.95);
  }

  public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, Anneal anneal, double divFactor,
                    double finalDivFactor, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
    if (totalSteps <= 0) throw new IllegalArgumentException("OneCycleLR: totalSteps must be positive, got " + totalSteps);
    if (!(pctStart >= 0 && pctStart <= 1)) throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + pctStart);
    this.optimizer = optimizer;
    this.totalSteps = totalSteps;
    this.maxLr = maxLr;
    this.initialLr = maxLr / divFactor;
    this.minLr = initialLr / finalDivFactor;
    this.phase1End = pctStart * totalSteps - 1;
    this.anneal = anneal;
    this.cycleMomentum = cycleMomentum;
    this.baseMomentum = baseMomentum;
    this.maxMomentum = maxMomentum;
    List<ParamGroup> gs = optimizer.paramGroups();
    if (cycleMomentum) {
      if (gs.get(0).has("beta1")) momentumKey = "beta1";
      else if (gs.get(0).has("momentum")) momentumKey = "momentum";
      else throw new IllegalArgumentException("OneCycleLR: optimizer " + optimizer.name() + " has no momentum or beta1 to cycle; pass cycleMomentum=false");
    } else {
      momentumKey = null;
    }
    apply();
  }

  @Override
  public void step() {
    if (stepNum + 1 > totalSteps) {
      throw new IllegalArgumentException("OneCycleLR: tried to step " + (stepNum + 1) + " times; totalSteps is " + totalSteps);
    }
    stepNum++;
    apply();
  }

  private double annealTo(double start, double end, double pct) {
    return anneal == Anneal.COS ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
  }

  private void apply() {
    double lr;
    double mom;
    if (stepNum <= phase1End) {
      double pct = stepNum / phase1End;
      lr = annealTo(initialLr, maxLr, pct);
      mom = annealTo(maxMomentum, baseMomentum, pct);
    } else {
      double pct = (stepNum - phase1End) / (totalSteps - 1 - phase1End);
      lr = annealTo(maxLr, minLr, pct);
      mom = annealTo(baseMomentum, maxMomentum, pct);
    }
    for (ParamGroup g : optimizer.paramGroups()) {
      g.setLr(lr);
      if (cycleMomentum) g.set(momentumKey, mom);
    }
  }

  @Override
  public double[] getLastLr() { return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray(); }
}
