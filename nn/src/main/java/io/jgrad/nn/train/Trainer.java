package io.jgrad.nn.train;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ReduceLROnPlateau;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A training loop with callbacks, pluggable steps, regularizers, gradient accumulation and metrics.
 *
 * <p>Each batch, inside a {@link TensorScope}: the gradients are zeroed in place
 * ({@code optimizer.zeroGrad(false)}, torch 1.13's default, so steady training allocates no
 * gradient memory), then the {@link TrainStep} runs ({@link TrainStep#STANDARD} by default:
 * {@code out = model.call(x)} (forward through the hooks), {@code loss = objective.loss(out, batch)} plus every
 * {@link Regularizer#penalty}, {@code loss.backward()}, then {@link StepContext#step()}: optional
 * {@link Clip#gradNorm}, {@code optimizer.step()}, every {@link Regularizer#afterStep} and a
 * per-step scheduler step). The step's loss and correct count are read back in one transfer
 * before the update; a NaN/infinite loss throws {@link TrainingDivergedException} before
 * anything is updated. At the end of an epoch: validation with {@link #evaluate}, the per-epoch
 * scheduler step ({@link ReduceLROnPlateau} gets the validation loss, or the training loss
 * without validation), then {@link Callback#onEpochEnd}; a callback's
 * {@link TrainerState#requestStop} ends training there.
 *
 * <p>Gradient accumulation ({@link Builder#accumulate}, k micro-batches): each loader batch is a
 * micro-batch; its loss is back-propagated scaled by 1/k and the optimizer steps once per k
 * batches, on the sum of their gradients (every micro-batch starts from zero gradients, so a
 * two-pass procedure may zero them; the Trainer adds the group's gradients up). When an
 * epoch's batch count is not a multiple of k, its last group has r &lt; k micro-batches and
 * their losses are scaled by 1/r, so every update is the mean over its group; groups never
 * span epochs. Schedulers step, {@link TrainerState#step} counts and
 * {@link Regularizer#afterStep} runs per optimizer step; {@link Callback#onBatchEnd} runs per batch.
 *
 * <p>Devices: each batch is moved to the model's device ({@link Module#device()}, read when
 * {@code fit}/{@code evaluate} starts) unless the {@link DataLoader} already delivers it there;
 * an objective or regularizer that is a {@link Module} (stateful) is moved there too, and
 * follows the model's training/eval mode.
 *
 * <p>Accuracy is the fraction of examples whose argmax logit (dim 1 of a [B, C] output) equals
 * the int64 label; for other outputs or targets (regression, dense masks) it is NaN. The
 * training loss is what the step minimises (objective plus penalties); {@link #evaluate} reports
 * the objective alone, and the values of the {@link Builder#metrics}.
 */
public final class Trainer {
  private final Module model;
  private final Optimizer optimizer;
  private final Objective objective;
  private final List<Regularizer> regularizers;
  private final TrainStep trainStep;
  private final int accumulate;
  private final List<Metric> metrics;
  private final int epochs;
  private final LrScheduler scheduler;
  private final boolean schedulePerStep;
  private final double clipNorm;
  private final List<Callback> callbacks;
  private final int startEpoch;

  private Trainer(Builder b) {
    this.model = b.model;
    this.optimizer = b.optimizer;
    this.objective = b.objective;
    this.regularizers = List.copyOf(b.regularizers);
    this.trainStep = b.trainStep;
    this.accumulate = b.accumulate;
    this.metrics = List.copyOf(b.metrics);
    this.epochs = b.epochs;
    this.scheduler = b.scheduler;
    this.schedulePerStep = b.perStep;
    this.clipNorm = b.clipNorm;
    this.callbacks = List.copyOf(b.callbacks);
    this.startEpoch = b.startEpoch;
  }

  /** A trainer minimising {@code objective} (a loss that sees the whole batch). */
  public static Builder builder(Module model, Optimizer optimizer, Objective objective) {
    return new Builder(model, optimizer, objective);
  }

  /** A trainer minimising {@code loss(output, batch.y())}, through {@link Objective#of}. */
  public static Builder builder(Module model, Optimizer optimizer, BiFunction<Tensor, Tensor, Tensor> loss) {
    return new Builder(model, optimizer, loss == null ? null : Objective.of(loss));
  }

  /**
   * A trainer minimising {@code loss(output, batch.y())}; the overload a {@code (Tensor, Tensor)}
   * method reference or lambda selects.
   */
  public static Builder builder(Module model, Optimizer optimizer, Objective.TargetLoss loss) {
    return new Builder(model, optimizer, loss);
  }

  /**
   * The objective and the regularizers that are Modules (stateful), by checkpoint name:
   * {@code "objective"} and {@code "regularizer.<i>"} (i: the position in
   * {@link Builder#regularizers}). They are moved to the model's device by {@code fit} and
   * {@code evaluate}, saved by {@link CheckpointSaver} and loaded by {@link #restore}.
   */
  public Map<String, Module> statefulModules() { return Stateful.modules(objective, regularizers); }

  /**
   * Loads a checkpoint into the model, the optimizer and the stateful objective and
   * regularizers, in place (the stateful modules first join the model's device). Everything is validated first (names, shapes,
   * dtypes, the optimizer's type and groups): on any mismatch nothing changes. The generator
   * state ({@link Checkpoint#seed()}, {@link Checkpoint#rngOffset()}) and the epoch to resume
   * from ({@link Builder#startEpoch}) are the caller's to apply.
   */
  public void restore(Checkpoint c) {
    if (c == null) throw new IllegalArgumentException("Trainer.restore: checkpoint is null");
    Stateful.moveTo(statefulModules(), model.device());
    Map<String, Tensor> modelState = model.stateDict();
    Map<String, Tensor> moduleState = Checkpoint.moduleState(statefulModules());
    Checkpoint.checkCompatible("model", c.model(), modelState);
    Checkpoint.checkCompatible("objective and regularizer", c.modules(), moduleState);
    optimizer.loadStateDict(OptimizerStates.fromCheckpoint(c)); // validates before it changes anything
    Checkpoint.copy(c.model(), modelState);
    Checkpoint.copy(c.modules(), moduleState);
  }

  /**
   * Trains from epoch {@code startEpoch} to {@code epochs} (inclusive), validating on
   * {@code validation} (may be null) after each epoch.
   */
  public History fit(DataLoader train, DataLoader validation) {
    if (train == null) throw new IllegalArgumentException("Trainer.fit: the training DataLoader is null");
    Device device = model.device();
    Stateful.moveTo(statefulModules(), device);
    TrainerState s = new TrainerState(model, optimizer, epochs);
    s.statefulModules = statefulModules();
    s.batchesPerEpoch = train.numBatches();
    s.epoch = startEpoch;
    StepRunner runner = new StepRunner(model, optimizer, objective, regularizers, clipParams(), clipNorm,
        schedulePerStep ? scheduler : null, accumulate, s);
    for (Callback c : callbacks) c.onTrainStart(s);
    List<EpochResult> results = new ArrayList<>();
    try {
      for (int epoch = startEpoch; epoch <= epochs && !s.stopRequested(); epoch++) {
        s.epoch = epoch;
        s.batchInEpoch = 0;
        s.lossSum = 0;
        s.epochExamples = 0;
        double lr = optimizer.getLr(0);
        long t0 = System.nanoTime();
        double correct = trainEpoch(train, s, runner, device);
        double trainLoss = s.runningLoss();
        double trainAcc = s.epochExamples == 0 ? Double.NaN : correct / s.epochExamples;
        Metrics val = validation == null ? null : evaluate(validation);
        if (scheduler != null && !schedulePerStep) {
          if (scheduler instanceof ReduceLROnPlateau p) p.step(val != null ? val.loss() : trainLoss);
          else scheduler.step();
        }
        EpochResult r = new EpochResult(epoch, trainLoss, trainAcc, val, (System.nanoTime() - t0) / 1e9, lr);
        results.add(r);
        for (Callback c : callbacks) c.onEpochEnd(s, r);
      }
    } finally {
      runner.release();
    }
    History h = new History(results, s.stopRequested(), s.stopReason);
    for (Callback c : callbacks) c.onTrainEnd(s, h);
    return h;
  }

  /** Runs one epoch; returns the number of correctly classified examples (NaN if not a classification). */
  private double trainEpoch(DataLoader train, TrainerState s, StepRunner runner, Device device) {
    setMode(true);
    double correct = 0;
    int nb = train.numBatches();
    int i = 0;
    try (DataLoader.BatchIterator it = train.iterator()) {
      while (it.hasNext()) {
        int groupStart = i / accumulate * accumulate;
        int groupSize = Math.max(1, Math.min(accumulate, nb - groupStart));
        try (Batch b = it.next().to(device); TensorScope scope = TensorScope.open()) {
          double[] lossCorrect = runner.run(trainStep, b, Math.min(i - groupStart, groupSize - 1), groupSize);
          double lv = lossCorrect[0];
          int n = b.size();
          correct += lossCorrect[1];
          s.batchInEpoch++;
          s.batchLoss = lv;
          s.lossSum += lv * n;
          s.epochExamples += n;
          s.examplesSeen += n;
        }
        i++;
        for (Callback c : callbacks) c.onBatchEnd(s);
      }
    }
    return correct;
  }

  /**
   * Mean objective loss and accuracy over {@code data}, and the {@link Builder#metrics}, with
   * gradients off and the model in eval mode (its mode is restored after).
   */
  public Metrics evaluate(DataLoader data) {
    if (data == null) throw new IllegalArgumentException("Trainer.evaluate: the DataLoader is null");
    boolean wasTraining = model.isTraining();
    Device device = model.device();
    Stateful.moveTo(statefulModules(), device);
    setMode(false);
    try {
      return Evaluation.run(model, objective, metrics, data, device);
    } finally {
      setMode(wasTraining);
    }
  }

  private void setMode(boolean training) {
    model.train(training);
    for (Module m : statefulModules().values()) m.train(training);
  }

  /** The parameters whose gradient norm is clipped: the model's and those of stateful objectives and regularizers. */
  private List<Tensor> clipParams() {
    List<Tensor> ps = model.parameters();
    for (Module m : statefulModules().values()) ps.addAll(m.parameters());
    return ps;
  }

  /** Builder for {@link Trainer}. */
  public static final class Builder {
    private final Module model;
    private final Optimizer optimizer;
    private final Objective objective;
    private final List<Regularizer> regularizers = new ArrayList<>();
    private TrainStep trainStep = TrainStep.STANDARD;
    private int accumulate = 1;
    private final List<Metric> metrics = new ArrayList<>();
    private int epochs = 10;
    private LrScheduler scheduler;
    private boolean perStep;
    private double clipNorm;
    private final List<Callback> callbacks = new ArrayList<>();
    private int startEpoch = 1;

    private Builder(Module model, Optimizer optimizer, Objective objective) {
      if (model == null || optimizer == null || objective == null) {
        throw new IllegalArgumentException("Trainer: model, optimizer and loss must not be null");
      }
      this.model = model;
      this.optimizer = optimizer;
      this.objective = objective;
    }

    /** The last epoch to run (default 10). */
    public Builder epochs(int n) {
      if (n < 0) throw new IllegalArgumentException("Trainer: epochs must be >= 0, got " + n);
      this.epochs = n;
      return this;
    }

    /**
     * A learning-rate schedule stepped after every optimizer step ({@code perStep}; with
     * accumulation, once per group) or once per epoch.
     */
    public Builder scheduler(LrScheduler s, boolean perStep) {
      this.scheduler = s;
      this.perStep = perStep;
      return this;
    }

    /**
     * Clips the gradients' global L2 norm to {@code maxNorm} before each optimizer step (default
     * off), over the model's parameters and those of stateful objectives and regularizers.
     */
    public Builder clipGradNorm(double maxNorm) {
      if (!(maxNorm > 0)) throw new IllegalArgumentException("Trainer: clipGradNorm must be > 0, got " + maxNorm);
      this.clipNorm = maxNorm;
      return this;
    }

    /** Adds callbacks, called in the order given. */
    public Builder callbacks(Callback... cs) {
      for (Callback c : cs) {
        if (c == null) throw new IllegalArgumentException("Trainer: null callback");
        callbacks.add(c);
      }
      return this;
    }

    /** The first epoch's number, to resume a run (default 1). */
    public Builder startEpoch(int epoch) {
      if (epoch < 1) throw new IllegalArgumentException("Trainer: startEpoch must be >= 1, got " + epoch);
      this.startEpoch = epoch;
      return this;
    }

    /**
     * Adds regularizers: their penalties are added to the objective in every
     * {@link StepContext#loss}, and their {@link Regularizer#afterStep} runs after every
     * optimizer step, in the order given.
     */
    public Builder regularizers(Regularizer... rs) {
      for (Regularizer r : rs) {
        if (r == null) throw new IllegalArgumentException("Trainer: null regularizer");
        regularizers.add(r);
      }
      return this;
    }

    /** How each batch becomes an update (default {@link TrainStep#STANDARD}); procedures such as SAM are TrainSteps. */
    public Builder trainStep(TrainStep step) {
      if (step == null) throw new IllegalArgumentException("Trainer: trainStep is null");
      this.trainStep = step;
      return this;
    }

    /** Gradient accumulation: one optimizer step per {@code microBatches} batches (default 1); see the class comment. */
    public Builder accumulate(int microBatches) {
      if (microBatches < 1) throw new IllegalArgumentException("Trainer: accumulate must be >= 1 micro-batches, got " + microBatches);
      this.accumulate = microBatches;
      return this;
    }

    /** Adds metrics evaluated by {@link Trainer#evaluate} (so on the validation data of every epoch). */
    public Builder metrics(Metric... ms) {
      for (Metric m : ms) {
        if (m == null) throw new IllegalArgumentException("Trainer: null metric");
        metrics.add(m);
      }
      return this;
    }

    public Trainer build() { return new Trainer(this); }
  }
}
