package io.jgrad.nn.train;

/**
 * Hooks called by {@link Trainer#fit} on the training thread. {@link TrainerState} is a live,
 * read-only view; {@link TrainerState#requestStop} ends training after the current epoch.
 */
public interface Callback {
  /** Before the first epoch. */
  default void onTrainStart(TrainerState s) {}

  /**
   * After each batch (the batch's loss is {@link TrainerState#batchLoss}); with gradient
   * accumulation after every micro-batch, while {@link TrainerState#step} counts optimizer steps.
   */
  default void onBatchEnd(TrainerState s) {}

  /** After each epoch's validation and per-epoch scheduler step. */
  default void onEpochEnd(TrainerState s, EpochResult r) {}

  /** After the last epoch (not called when training throws). */
  default void onTrainEnd(TrainerState s, History h) {}
}
