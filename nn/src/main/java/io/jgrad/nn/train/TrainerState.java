package io.jgrad.nn.train;

import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;

/**
 * A live, read-only view of a running {@link Trainer#fit} for callbacks, plus
 * {@link #requestStop}. {@link #step} counts optimizer steps in this fit (1 after the first
 * update; with gradient accumulation one per group of micro-batches); {@link #batchInEpoch} is 1-based after a batch ends and 0 at an epoch's start.
 */
public final class TrainerState {
  private final Module model;
  private final Optimizer optimizer;
  private final int epochs;
  int epoch;
  long step;
  int batchInEpoch;
  int batchesPerEpoch;
  double batchLoss = Double.NaN;
  double lossSum;
  long epochExamples;
  long examplesSeen;
  String stopReason;
  java.util.Map<String, Module> statefulModules = java.util.Map.of();

  TrainerState(Module model, Optimizer optimizer, int epochs) {
    this.model = model;
    this.optimizer = optimizer;
    this.epochs = epochs;
  }

  /** The current (1-based) epoch. */
  public int epoch() { return epoch; }

  /** The last epoch fit will run. */
  public int epochs() { return epochs; }

  public long step() { return step; }

  public int batchInEpoch() { return batchInEpoch; }

  public int batchesPerEpoch() { return batchesPerEpoch; }

  /** The loss of the last batch. */
  public double batchLoss() { return batchLoss; }

  /** Mean loss per example over the current epoch so far (NaN before its first batch). */
  public double runningLoss() { return epochExamples == 0 ? Double.NaN : lossSum / epochExamples; }

  /** Examples trained on in this fit, over all epochs. */
  public long examplesSeen() { return examplesSeen; }

  /** Examples trained on in the current epoch. */
  public long epochExamples() { return epochExamples; }

  /** The learning rate of parameter group 0 now. */
  public double learningRate() { return optimizer.getLr(0); }

  public Module model() { return model; }

  public Optimizer optimizer() { return optimizer; }

  /**
   * The objective and regularizers that are Modules, by checkpoint name ({@code "objective"},
   * {@code "regularizer.<i>"}); see {@link Trainer#statefulModules}.
   */
  public java.util.Map<String, Module> statefulModules() { return statefulModules; }

  /** Ends training after the current epoch; the first reason given is kept in {@link History#stopReason}. */
  public void requestStop(String reason) {
    if (stopReason == null) stopReason = reason == null ? "stop requested" : reason;
  }

  /** Whether a callback has requested a stop. */
  public boolean stopRequested() { return stopReason != null; }
}
