package io.jgrad.spark;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.Dataset;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.Trainer;
import io.jgrad.nn.train.TrainingDivergedException;
import io.jgrad.spark.collective.Collective;
import io.jgrad.tensor.Generator;
import io.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One worker of a data-parallel run, independent of how the workers were started (Spark barrier
 * tasks, threads): agree on the examples per epoch and on the epoch to resume from, build the
 * model and optimizer from the recipe with the shared seed, copy rank 0's initial state to all,
 * train with the {@link io.jgrad.nn.train.Trainer} through a {@link DataParallelStep}, and
 * report. The collective calls every worker makes, in order: sizes (all-reduce), resume epoch
 * (broadcast), initial state (broadcast), then per batch and per epoch those of
 * {@link DataParallelStep} and {@link EpochSync}, and a final barrier.
 */
public final class Worker {
  private static final Pattern EPOCH_FILE = Pattern.compile("epoch-(\\d{1,9})\\.safetensors");

  /** A partition without examples (the worker still takes part, and the run stops with an error naming it). */
  static final Dataset EMPTY = new Dataset() {
    @Override
    public int size() { return 0; }

    @Override
    public io.jgrad.nn.data.Example get(int i) { throw new IndexOutOfBoundsException("empty partition"); }
  };

  private Worker() {}

  /**
   * Trains this worker.
   *
   * @param local this worker's examples (its partition)
   * @param globalIndex each local example's position in the whole data set (null: the local position)
   * @param validation the validation set every worker evaluates in full each epoch, or null
   * @param attempt the stage attempt (failure injection only fires in attempt 0)
   */
  public static WorkerResult run(Collective c, int attempt, Dataset local, long[] globalIndex, Dataset validation, TrainingRecipe recipe,
                                 DataParallelConfig cfg) {
    int rank = c.rank(), size = c.size();
    double[] sizes = new double[size];
    sizes[rank] = local.size();
    c.allReduceSum(sizes);
    int examples = Integer.MAX_VALUE;
    for (int r = 0; r < size; r++) {
      if (sizes[r] == 0) throw new IllegalArgumentException("data parallel: worker " + r + " has no examples (" + size + " workers)");
      examples = Math.min(examples, (int) sizes[r]);
    }

    double[] resume = {rank == 0 ? latestEpoch(cfg.checkpointDir) : 0};
    c.broadcast(resume, 0);
    int resumeEpoch = (int) resume[0];

    Generator g = new Generator(cfg.seed);
    Module model = recipe.model(g);
    GradientSync.broadcast(c, model.stateDict().values().stream().toList(), 0);
    Optimizer opt = recipe.optimizer(model);
    WorkerData data = new WorkerData(local, globalIndex, examples, cfg.seed, rank, cfg.shuffle);
    DataLoader train = DataLoader.builder(data, cfg.batchSize).build();
    DataLoader val = validation == null ? null : DataLoader.builder(validation, cfg.validationBatchSize).build();
    TrainingRecipe.Schedule schedule = recipe.schedule(opt, cfg.epochs, train.numBatches());
    // Every worker holds the same number of examples and batch size: every step's batches are equal.
    DataParallelStep step = new DataParallelStep(recipe.step(), c, DataParallelStep.parameters(opt), model, cfg.broadcastBuffers, true);

    List<Callback> rankZero = rank == 0 ? new ArrayList<>(recipe.rankZeroCallbacks()) : new ArrayList<>();
    if (cfg.checkpointDir != null && cfg.saveCheckpoints) {
      String monitor = cfg.monitor != null ? cfg.monitor : validation != null ? "val_loss" : "train_loss";
      rankZero.add(new CheckpointSaver(Path.of(cfg.checkpointDir), cfg.keepLast, monitor));
    }
    EpochSync sync = new EpochSync(c, data, g, cfg.seed, rankZero, cfg.failAt, attempt);
    int startEpoch = Math.min(resumeEpoch + 1, cfg.epochs + 1);
    Trainer.Builder b = Trainer.builder(model, opt, recipe.objective())
        .regularizers(recipe.regularizers().toArray(new io.jgrad.nn.train.Regularizer[0])).trainStep(step).accumulate(cfg.accumulate)
        .epochs(cfg.epochs).startEpoch(startEpoch).callbacks(sync).metrics(recipe.metrics().toArray(new io.jgrad.nn.train.Metric[0]));
    if (cfg.clipGradNorm > 0) b.clipGradNorm(cfg.clipGradNorm);
    if (schedule != null) b.scheduler(schedule.scheduler(), schedule.perStep());
    Trainer trainer = b.build();
    if (resumeEpoch > 0) {
      restore(trainer, Path.of(cfg.checkpointDir).resolve(CheckpointSaver.epochFileName(resumeEpoch)));
      if (schedule != null) {
        // Where the schedule was: one step per optimizer step (per-step schedules) or per epoch.
        long n = schedule.perStep() ? stepsOf(resumeEpoch, train.numBatches(), cfg.accumulate) : resumeEpoch;
        for (long i = 0; i < n; i++) schedule.scheduler().step();
      }
    }

    long t0 = System.nanoTime();
    WorkerResult.Divergence diverged = null;
    try {
      trainer.fit(train, val);
    } catch (TrainingDivergedException e) {
      // Every worker sees the same averaged loss, so all stop here together; the driver reports it.
      diverged = new WorkerResult.Divergence(e.epoch(), e.step(), e.loss(), e.learningRate());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    c.barrier();
    long steps = stepsOf(sync.epochs().size(), train.numBatches(), cfg.accumulate);
    return new WorkerResult(rank, size, attempt, startEpoch, examples, sync.epochs(), steps, step.gradientReductions(),
        step.gradientSeconds(), c.stats(), seconds, checksum(model), rank == 0 ? ModelState.of(model.stateDict()) : null, diverged);
  }

  /** Optimizer steps in {@code epochs} epochs of {@code batches} batches with accumulation {@code k}. */
  private static long stepsOf(int epochs, int batches, int k) { return (long) epochs * ((batches + k - 1) / k); }

  /** Loads epoch checkpoint {@code file} into the trainer (model, optimizer, stateful objective and regularizers). */
  private static void restore(Trainer trainer, Path file) {
    try {
      Checkpoint ck = Checkpoint.load(file);
      try {
        trainer.restore(ck);
      } finally {
        for (Tensor t : ck.model().values()) t.close();
        for (Tensor t : ck.optimizer().values()) t.close();
        for (Tensor t : ck.modules().values()) t.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("data parallel: cannot read the checkpoint " + file + " to resume from: " + e.getMessage(), e);
    }
  }

  /** The newest {@code epoch-NNN.safetensors} in {@code dir}, or 0. */
  static int latestEpoch(String dir) {
    if (dir == null || !Files.isDirectory(Path.of(dir))) return 0;
    int best = 0;
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Matcher m = EPOCH_FILE.matcher(p.getFileName().toString());
        if (m.matches()) best = Math.max(best, Integer.parseInt(m.group(1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("data parallel: cannot list the checkpoint directory " + dir + ": " + e.getMessage(), e);
    }
    return best;
  }

  /** A 64-bit hash of the bits of every parameter and buffer, in state-dict order. */
  static long checksum(Module model) {
    long h = 1125899906842597L;
    for (var e : model.stateDict().entrySet()) {
      h = 31 * h + e.getKey().hashCode();
      Tensor t = e.getValue();
      if (t.dtype() == io.jgrad.tensor.DType.FLOAT64) {
        for (double v : t.toDoubleArray()) h = 31 * h + Double.doubleToLongBits(v);
      } else if (t.dtype().isFloatingPoint()) {
        for (float v : t.toFloatArray()) h = 31 * h + Float.floatToIntBits(v);
      } else {
        for (long v : t.toLongArray()) h = 31 * h + v;
      }
    }
    return h;
  }
}
