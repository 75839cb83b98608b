package io.jgrad.spark;

import io.jgrad.nn.data.Dataset;
import io.jgrad.spark.collective.Collective;
import io.jgrad.spark.collective.CollectiveException;
import io.jgrad.spark.collective.LocalCollectives;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Data-parallel training with one thread per worker in this JVM, connected by in-process
 * collectives: the same workers, data split and results as {@link SparkTraining}, without Spark
 * (for tests, and to check a recipe before sending it to a cluster). Example i goes to worker
 * {@code i % workers}, as on Spark. Like Spark's retry of a failed training stage, a failed
 * attempt is run again (at most {@link #ATTEMPTS} attempts in all, the default of
 * {@code spark.stage.maxConsecutiveAttempts}), resuming from the newest checkpoint when there
 * is a checkpoint directory; configuration errors ({@link IllegalArgumentException}) are not
 * retried.
 */
public final class LocalDataParallel {
  /** Attempts before giving up, as Spark's {@code spark.stage.maxConsecutiveAttempts} default. */
  public static final int ATTEMPTS = 4;

  private LocalDataParallel() {}

  /** Trains {@code cfg.workers()} workers (at least 1) on {@code data}; {@code validation} may be null. */
  public static DataParallelResult fit(List<Sample> data, List<Sample> validation, TrainingRecipe recipe, DataParallelConfig cfg) {
    for (int attempt = 0; ; attempt++) {
      try {
        return attempt(data, validation, recipe, cfg, attempt);
      } catch (IllegalArgumentException e) {
        throw e;
      } catch (RuntimeException e) {
        if (attempt + 1 >= ATTEMPTS) throw e;
      }
    }
  }

  private static DataParallelResult attempt(List<Sample> data, List<Sample> validation, TrainingRecipe recipe, DataParallelConfig cfg,
                                            int attempt) {
    int n = Math.max(1, cfg.workers());
    List<List<Sample>> parts = new ArrayList<>();
    List<long[]> index = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      int count = (data.size() - r + n - 1) / n;
      List<Sample> p = new ArrayList<>(count);
      long[] idx = new long[count];
      for (int i = r, k = 0; i < data.size(); i += n, k++) {
        p.add(data.get(i));
        idx[k] = i;
      }
      parts.add(p);
      index.add(idx);
    }
    List<Collective> cs = LocalCollectives.create(n, cfg.collective);
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, "jgrad-worker");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<WorkerResult>> fs = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        int rank = r;
        fs.add(pool.submit(() -> {
          try (Collective c = cs.get(rank)) {
            Dataset local = parts.get(rank).isEmpty() ? Worker.EMPTY : Samples.dataset(parts.get(rank), cfg.featureShape, cfg.targetShape);
            Dataset val = validation == null ? null : Samples.dataset(validation, cfg.featureShape, cfg.targetShape);
            return Worker.run(c, attempt, local, index.get(rank), val, recipe, cfg);
          }
        }));
      }
      List<WorkerResult> results = new ArrayList<>();
      RuntimeException first = null;
      for (Future<WorkerResult> f : fs) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          RuntimeException x = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          // The root cause beats the collective errors it set off on the other workers.
          if (first == null || first instanceof CollectiveException && !(x instanceof CollectiveException)) first = x;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the workers", e);
        }
      }
      if (first != null) throw first;
      return checked(new DataParallelResult(results));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Throws the divergence every worker reported, if any. */
  static DataParallelResult checked(DataParallelResult r) {
    WorkerResult.Divergence d = r.rank0().diverged();
    if (d != null) throw d.exception();
    return r;
  }
}
