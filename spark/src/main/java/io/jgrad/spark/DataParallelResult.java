package io.jgrad.spark;

import io.jgrad.nn.Module;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a data-parallel run: every worker's {@link WorkerResult}, by rank. The history
 * and the final model are rank 0's (every worker ends with the same bits; {@link #checksums()}
 * lets a caller check it).
 */
public record DataParallelResult(List<WorkerResult> workers) {
  public DataParallelResult {
    workers = workers.stream().sorted(Comparator.comparingInt(WorkerResult::rank)).toList();
    if (workers.isEmpty()) throw new IllegalArgumentException("DataParallelResult: no worker results");
  }

  public WorkerResult rank0() { return workers.get(0); }

  /** The epochs trained in the final attempt. */
  public List<EpochRecord> history() { return rank0().epochs(); }

  /** The final model state (rank 0's). */
  public ModelState finalState() { return rank0().finalState(); }

  /** Loads the final weights into {@code model} (built by the same recipe). */
  public void loadInto(Module model) { finalState().loadInto(model); }

  /** The stage attempt that completed (0 unless Spark retried the training stage after a failure). */
  public int attempt() { return rank0().attempt(); }

  /** Whether every worker ended with bit-identical parameters. */
  public boolean consistent() { return workers.stream().mapToLong(WorkerResult::checksum).distinct().count() == 1; }

  public long[] checksums() { return workers.stream().mapToLong(WorkerResult::checksum).toArray(); }

  /** The median over workers of the milliseconds per step spent averaging gradients. */
  public double gradientMillisPerStep() {
    double[] v = workers.stream().mapToDouble(WorkerResult::gradientMillisPerStep).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** One line: workers, epochs, final losses, time per epoch, all-reduce per step. */
  public String summary() {
    WorkerResult r = rank0();
    EpochRecord last = history().isEmpty() ? null : history().get(history().size() - 1);
    double secs = history().stream().mapToDouble(EpochRecord::seconds).sum();
    return String.format(Locale.ROOT, "%d workers, %d examples each, epochs %d-%d%s: train loss %.4f%s, %.2f s per epoch, "
            + "gradient all-reduce %.3f ms per step", r.workers(), r.examples(), r.startEpoch(), r.startEpoch() + history().size() - 1,
        r.attempt() > 0 ? " (stage attempt " + r.attempt() + ")" : "", last == null ? Double.NaN : last.trainLoss(),
        last == null || Double.isNaN(last.valLoss()) ? "" : String.format(Locale.ROOT, ", val loss %.4f, val accuracy %.4f", last.valLoss(),
            last.valAccuracy()),
        history().isEmpty() ? Double.NaN : secs / history().size(), gradientMillisPerStep());
  }
}
