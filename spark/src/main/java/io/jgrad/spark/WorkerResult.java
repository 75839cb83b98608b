package io.jgrad.spark;

import io.jgrad.nn.train.TrainingDivergedException;
import io.jgrad.spark.collective.CollectiveStats;
import java.io.Serializable;
import java.util.List;

/**
 * What one worker reports after training.
 *
 * @param rank the worker's rank, of {@code workers}
 * @param attempt the Spark stage attempt that produced it (0 unless a failure was retried)
 * @param startEpoch the first epoch this attempt trained (greater than 1 when it resumed from a checkpoint)
 * @param examples the examples per epoch of each worker (the smallest partition's size)
 * @param epochs the epochs trained, as the workers agreed on them
 * @param steps the optimizer steps taken in this attempt
 * @param gradientReductions gradient all-reduces (one per backward pass)
 * @param gradientSeconds wall time of the gradient all-reduces, copies and waits included
 * @param collective the collective's own all-reduce statistics (gradients, losses, agreements)
 * @param trainSeconds wall time of the training loop
 * @param checksum a hash of the final parameters' bits: equal on every worker
 * @param finalState rank 0's final model state (null on other ranks)
 * @param diverged where the averaged loss became NaN or infinite (every worker stopped there), else null
 */
public record WorkerResult(int rank, int workers, int attempt, int startEpoch, int examples, List<EpochRecord> epochs, long steps,
                           long gradientReductions, double gradientSeconds, CollectiveStats collective, double trainSeconds,
                           long checksum, ModelState finalState, Divergence diverged) implements Serializable {
  public WorkerResult {
    epochs = List.copyOf(epochs);
  }

  /** Where training diverged: the arguments of the {@link TrainingDivergedException} every worker threw. */
  public record Divergence(int epoch, long step, double loss, double learningRate) implements Serializable {
    public TrainingDivergedException exception() { return new TrainingDivergedException(epoch, step, loss, learningRate); }
  }

  /** Milliseconds per optimizer step spent averaging gradients (NaN before any step). */
  public double gradientMillisPerStep() { return steps == 0 ? Double.NaN : gradientSeconds * 1e3 / steps; }
}
