package io.jgrad.nn.train;

import io.jgrad.autograd.Grad;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.Batch;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.optim.Clip;
import io.jgrad.nn.optim.LrScheduler;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.optim.ReduceLROnPlateau;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A classification training loop with callbacks.
 *
 * <p>Each batch, inside a {@link TensorScope}: {@code out = model.forward(x)},
 * {@code loss = lossFn(out, y)}; a NaN/infinite loss throws {@link TrainingDivergedException}
 * before anything is updated; then {@code optimizer.zeroGrad(false)} (gradients zeroed in
 * place, torch 1.13's default, so steady training allocates no gradient memory), {@code loss.backward()},
 * optional {@link Clip#gradNorm}, {@code optimizer.step()}, and a per-step scheduler step.
 * At the end of an epoch: validation with {@link #evaluate}, the per-epoch scheduler step
 * ({@link ReduceLROnPlateau} gets the validation loss, or the training loss without
 * validation), then {@link Callback#onEpochEnd}; a callback's {@link TrainerState#requestStop}
 * ends training there.
 *
 * <p>Devices: each batch is moved to the model's device ({@link Module#device()}, read when
 * {@code fit}/{@code evaluate} starts) unless the {@link DataLoader} already delivers it there;
 * the loss and the batch's correct count are read back together, one transfer per step.
 *
 * <p>Accuracy is the fraction of examples whose argmax logit (dim 1 of a [B, C] output) equals
 * the int64 label; for other outputs or labels it is NaN.
 */
public final class Trainer {
  private final Module model;
  private final Optimizer optimizer;
  private final BiFunction<Tensor, Tensor, Tensor> lossFn;
  private final int epochs;
  private final LrScheduler scheduler;
  private final boolean schedulePerStep;
  private final double clipNorm;
  private final List<Callback> callbacks;
  private final int startEpoch;

  private Trainer(Builder b) {
    this.model = b.model;
    this.optimizer = b.optimizer;
    this.lossFn = b.loss;
    this.epochs = b.epochs;
    this.scheduler = b.scheduler;
    this.schedulePerStep = b.perStep;
    this.clipNorm = b.clipNorm;
    this.callbacks = List.copyOf(b.callbacks);
    this.startEpoch = b.startEpoch;
  }

  public static Builder builder(Module model, Optimizer optimizer, BiFunction<Tensor, Tensor, Tensor> loss) {
    return new Builder(model, optimizer, loss);
  }

  /**
   * Trains from epoch {@code startEpoch} to {@code epochs} (inclusive), validating on
   * {@code validation} (may be null) after each epoch.
   */
  public History fit(DataLoader train, DataLoader validation) {
    if (train == null) throw new IllegalArgumentException("Trainer.fit: the training DataLoader is null");
    TrainerState s = new TrainerState(model, optimizer, epochs);
    s.batchesPerEpoch = train.numBatches();
    s.epoch = startEpoch;
    for (Callback c : callbacks) c.onTrainStart(s);
    List<EpochResult> results = new ArrayList<>();
    for (int epoch = startEpoch; epoch <= epochs && !s.stopRequested(); epoch++) {
      s.epoch = epoch;
      s.batchInEpoch = 0;
      s.lossSum = 0;
      s.epochExamples = 0;
      double lr = optimizer.getLr(0);
      long t0 = System.nanoTime();
      double correct = trainEpoch(train, s);
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
    History h = new History(results, s.stopRequested(), s.stopReason);
    for (Callback c : callbacks) c.onTrainEnd(s, h);
    return h;
  }

  /** Runs one epoch; returns the number of correctly classified examples (NaN if not a classification). */
  private double trainEpoch(DataLoader train, TrainerState s) {
    model.train();
    double correct = 0;
    Device device = model.device();
    try (DataLoader.BatchIterator it = train.iterator()) {
      while (it.hasNext()) {
        try (Batch b = it.next().to(device); TensorScope scope = TensorScope.open()) {
          Tensor out = model.call(b.x());
          Tensor loss = lossFn.apply(out, b.y());
          double[] lossCorrect = lossAndCorrect(loss, out, b.y());
          double lv = lossCorrect[0];
          if (!Double.isFinite(lv)) throw new TrainingDivergedException(s.epoch, s.step + 1, lv, optimizer.getLr(0));
          optimizer.zeroGrad(false);
          loss.backward();
          if (clipNorm > 0) Clip.gradNorm(model.parameters(), clipNorm);
          optimizer.step();
          if (scheduler != null && schedulePerStep) {
            if (scheduler instanceof ReduceLROnPlateau p) p.step(lv);
            else scheduler.step();
          }
          int n = b.size();
          correct += lossCorrect[1];
          s.step++;
          s.batchInEpoch++;
          s.batchLoss = lv;
          s.lossSum += lv * n;
          s.epochExamples += n;
          s.examplesSeen += n;
        }
        for (Callback c : callbacks) c.onBatchEnd(s);
      }
    }
    return correct;
  }

  /** Mean loss and accuracy over {@code data}, with gradients off and the model in eval mode (its mode is restored after). */
  public Metrics evaluate(DataLoader data) {
    if (data == null) throw new IllegalArgumentException("Trainer.evaluate: the DataLoader is null");
    boolean wasTraining = model.isTraining();
    model.eval();
    double lossSum = 0;
    double correct = 0;
    long n = 0;
    Device device = model.device();
    try (var off = Grad.disabled(); DataLoader.BatchIterator it = data.iterator()) {
      while (it.hasNext()) {
        try (Batch b = it.next().to(device); TensorScope scope = TensorScope.open()) {
          Tensor out = model.call(b.x());
          double[] lossCorrect = lossAndCorrect(lossFn.apply(out, b.y()), out, b.y());
          int bs = b.size();
          lossSum += lossCorrect[0] * bs;
          correct += lossCorrect[1];
          n += bs;
        }
      }
    } finally {
      model.train(wasTraining);
    }
    return n == 0 ? new Metrics(Double.NaN, Double.NaN, 0) : new Metrics(lossSum / n, correct / n, n);
  }

  /** {loss, correct count (NaN when not a classification)} read back in one transfer. */
  private static double[] lossAndCorrect(Tensor loss, Tensor out, Tensor y) {
    try (var off = Grad.disabled()) {
      if (loss.numel() != 1) loss.item(); // the usual error for a non-scalar loss
      Tensor l = loss.detach().to(DType.FLOAT64).reshape(1);
      if (out.dim() != 2 || y.dim() != 1 || y.dtype() != DType.INT64 || out.shape()[0] != y.shape()[0]) {
        return new double[] {l.item(), Double.NaN};
      }
      Tensor c = out.argmax(1, false).eq(y).sum().to(DType.FLOAT64).reshape(1);
      return Tensor.cat(List.of(l, c), 0).toDoubleArray();
    }
  }

  /** Builder for {@link Trainer}. */
  public static final class Builder {
    private final Module model;
    private final Optimizer optimizer;
    private final BiFunction<Tensor, Tensor, Tensor> loss;
    private int epochs = 10;
    private LrScheduler scheduler;
    private boolean perStep;
    private double clipNorm;
    private final List<Callback> callbacks = new ArrayList<>();
    private int startEpoch = 1;

    private Builder(Module model, Optimizer optimizer, BiFunction<Tensor, Tensor, Tensor> loss) {
      if (model == null || optimizer == null || loss == null) {
        throw new IllegalArgumentException("Trainer: model, optimizer and loss must not be null");
      }
      this.model = model;
      this.optimizer = optimizer;
      this.loss = loss;
    }

    /** The last epoch to run (default 10). */
    public Builder epochs(int n) {
      if (n < 0) throw new IllegalArgumentException("Trainer: epochs must be >= 0, got " + n);
      this.epochs = n;
      return this;
    }

    /** A learning-rate schedule stepped after every optimizer step ({@code perStep}) or once per epoch. */
    public Builder scheduler(LrScheduler s, boolean perStep) {
      this.scheduler = s;
      this.perStep = perStep;
      return this;
    }

    /** Clips the gradients' global L2 norm to {@code maxNorm} before each step (default off). */
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

    public Trainer build() { return new Trainer(this); }
  }
}
