package io.jgrad.nn.optim;

import java.util.Arrays;
import java.util.List;

/**
 * The one-cycle policy ("A disciplined approach to neural network hyper-parameters: Part 1",
 * Smith 2018, shared/papers/titles.txt no. 95), as {@code torch.optim.lr_scheduler.OneCycleLR}.
 * Per group, with {@code initial = maxLr / divFactor} and {@code min = initial / finalDivFactor}:
 * <pre>
 *   two phases (default, fastai's form):
 *     steps 0 .. pctStart*T - 1         lr initial -&gt; max,   momentum maxMomentum -&gt; baseMomentum
 *     .. T - 1                          lr max -&gt; min,       momentum baseMomentum -&gt; maxMomentum
 *   threePhase (the paper's form):
 *     steps 0 .. pctStart*T - 1         lr initial -&gt; max,   momentum maxMomentum -&gt; baseMomentum
 *     .. 2*pctStart*T - 2               lr max -&gt; initial,   momentum baseMomentum -&gt; maxMomentum
 *     .. T - 1                          lr initial -&gt; min,   momentum maxMomentum
 * </pre>
 * In a phase from step s0 to s1, the fraction is {@code p = (step - s0) / (s1 - s0)}; cos
 * annealing from a to b is {@code b + (a - b) / 2 * (1 + cos(pi p))}, linear {@code a + (b - a) p}.
 * Momentum is the group's {@code momentum} option (SGD, SGDW, RMSprop) or {@code beta1} (Adam,
 * AdamW). {@code maxLr} is one value for every group or one per group (torch's list form).
 * Stepping past {@code totalSteps} throws. The constructor applies step 0.
 *
 * <p>Checked against PyTorch 1.13.1 {@code torch.optim.lr_scheduler.OneCycleLR}
 * (tools/golden/gen_optim.py, golden/optim.json; three-phase and per-group cases in
 * tools/golden/gen_catalog_optimization.py, golden/optim_train.json).
 */
public final class OneCycleLR implements LrScheduler {
  public enum Anneal { COS, LINEAR }

  /** One phase: its last step, and where lr and momentum start and end (as {@link Level}s). */
  private record Phase(double endStep, Level startLr, Level endLr, boolean momentumFromMax, boolean momentumToMax) {}

  private enum Level { INITIAL, MAX, MIN }

  private final Optimizer optimizer;
  private final int totalSteps;
  private final double[] initialLr;
  private final double[] maxLr;
  private final double[] minLr;
  private final List<Phase> phases;
  private final Anneal anneal;
  private final boolean cycleMomentum;
  private final double baseMomentum;
  private final double maxMomentum;
  private final String momentumKey;
  private int stepNum;

  /** PyTorch's defaults: pctStart 0.3, cos, divFactor 25, finalDivFactor 1e4, momentum 0.85 -> 0.95, two phases. */
  public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) { this(builder(optimizer, totalSteps).maxLr(maxLr)); }

  /** The two-phase schedule with every option; see {@link #builder} for three phases and per-group maxLr. */
  public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart, Anneal anneal, double divFactor,
                    double finalDivFactor, boolean cycleMomentum, double baseMomentum, double maxMomentum) {
    this(builder(optimizer, totalSteps).maxLr(maxLr).pctStart(pctStart).anneal(anneal).divFactor(divFactor)
        .finalDivFactor(finalDivFactor).cycleMomentum(cycleMomentum).baseMomentum(baseMomentum).maxMomentum(maxMomentum));
  }

  /** A builder with PyTorch's defaults; {@code maxLr} or {@code maxLrs} is required. */
  public static Builder builder(Optimizer optimizer, int totalSteps) { return new Builder(optimizer, totalSteps); }

  private OneCycleLR(Builder b) {
    if (b.optimizer == null) throw new IllegalArgumentException("OneCycleLR: null optimizer");
    if (b.totalSteps <= 0) throw new IllegalArgumentException("OneCycleLR: totalSteps must be positive, got " + b.totalSteps);
    if (!(b.pctStart >= 0 && b.pctStart <= 1)) throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + b.pctStart);
    if (b.anneal == null) throw new IllegalArgumentException("OneCycleLR: anneal is null");
    List<ParamGroup> gs = b.optimizer.paramGroups();
    if (b.maxLrs == null) throw new IllegalArgumentException("OneCycleLR: maxLr is required");
    if (b.maxLrs.length != 1 && b.maxLrs.length != gs.size()) {
      throw new IllegalArgumentException("OneCycleLR: expected 1 or " + gs.size() + " maxLr values (one per parameter group), got "
          + b.maxLrs.length + " " + Arrays.toString(b.maxLrs));
    }
    this.optimizer = b.optimizer;
    this.totalSteps = b.totalSteps;
    int n = gs.size();
    maxLr = new double[n];
    initialLr = new double[n];
    minLr = new double[n];
    for (int i = 0; i < n; i++) {
      maxLr[i] = b.maxLrs.length == 1 ? b.maxLrs[0] : b.maxLrs[i];
      if (!(maxLr[i] >= 0)) throw new IllegalArgumentException("OneCycleLR: maxLr must be >= 0, got " + maxLr[i] + " for group " + i);
      initialLr[i] = maxLr[i] / b.divFactor;
      minLr[i] = initialLr[i] / b.finalDivFactor;
    }
    double p1 = b.pctStart * totalSteps - 1;
    phases = b.threePhase
        ? List.of(new Phase(p1, Level.INITIAL, Level.MAX, true, false), new Phase(2 * b.pctStart * totalSteps - 2, Level.MAX, Level.INITIAL, false, true),
            new Phase(totalSteps - 1, Level.INITIAL, Level.MIN, true, true))
        : List.of(new Phase(p1, Level.INITIAL, Level.MAX, true, false), new Phase(totalSteps - 1, Level.MAX, Level.MIN, false, true));
    this.anneal = b.anneal;
    this.cycleMomentum = b.cycleMomentum;
    this.baseMomentum = b.baseMomentum;
    this.maxMomentum = b.maxMomentum;
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

  private double level(Level l, int group) {
    return switch (l) {
      case INITIAL -> initialLr[group];
      case MAX -> maxLr[group];
      case MIN -> minLr[group];
    };
  }

  /** As torch's get_lr: the first phase whose end is not before this step (the last one otherwise). */
  private void apply() {
    List<ParamGroup> gs = optimizer.paramGroups();
    double start = 0;
    for (int i = 0; i < phases.size(); i++) {
      Phase ph = phases.get(i);
      if (stepNum <= ph.endStep() || i == phases.size() - 1) {
        double pct = (stepNum - start) / (ph.endStep() - start);
        for (int g = 0; g < gs.size(); g++) {
          gs.get(g).setLr(annealTo(level(ph.startLr(), g), level(ph.endLr(), g), pct));
          if (cycleMomentum) {
            double mom = annealTo(ph.momentumFromMax() ? maxMomentum : baseMomentum, ph.momentumToMax() ? maxMomentum : baseMomentum, pct);
            gs.get(g).set(momentumKey, mom);
          }
        }
        return;
      }
      start = ph.endStep();
    }
  }

  @Override
  public double[] getLastLr() { return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray(); }

  /** Options of {@link OneCycleLR}, named as torch's arguments; defaults are torch's. */
  public static final class Builder {
    private final Optimizer optimizer;
    private final int totalSteps;
    private double[] maxLrs;
    private double pctStart = 0.3;
    private Anneal anneal = Anneal.COS;
    private double divFactor = 25;
    private double finalDivFactor = 1e4;
    private boolean cycleMomentum = true;
    private double baseMomentum = 0.85;
    private double maxMomentum = 0.95;
    private boolean threePhase;

    private Builder(Optimizer optimizer, int totalSteps) {
      this.optimizer = optimizer;
      this.totalSteps = totalSteps;
    }

    /** The peak lr of every group. */
    public Builder maxLr(double maxLr) { this.maxLrs = new double[] {maxLr}; return this; }

    /** The peak lr of each parameter group, in order (one value applies to all). */
    public Builder maxLrs(double... maxLrs) { this.maxLrs = maxLrs == null ? null : maxLrs.clone(); return this; }

    /** Fraction of the steps spent increasing the lr (default 0.3). */
    public Builder pctStart(double v) { this.pctStart = v; return this; }

    public Builder anneal(Anneal a) { this.anneal = a; return this; }

    /** initial lr = maxLr / divFactor (default 25). */
    public Builder divFactor(double v) { this.divFactor = v; return this; }

    /** min lr = initial lr / finalDivFactor (default 1e4). */
    public Builder finalDivFactor(double v) { this.finalDivFactor = v; return this; }

    public Builder cycleMomentum(boolean v) { this.cycleMomentum = v; return this; }

    public Builder baseMomentum(double v) { this.baseMomentum = v; return this; }

    public Builder maxMomentum(double v) { this.maxMomentum = v; return this; }

    /** The paper's three phases: up, down to the initial lr, then annihilation to the min lr (default off). */
    public Builder threePhase(boolean v) { this.threePhase = v; return this; }

    public OneCycleLR build() { return new OneCycleLR(this); }
  }
}
