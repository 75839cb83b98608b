package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.Metric;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.spark.TrainingRecipe;
import io.jgrad.tensor.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code jgrad train --spark} sends to every worker: the command's options as strings and
 * the run's description ({@link RunInfo} metadata: the model, labels, standardization); each
 * worker rebuilds the model, optimizer, loss, regularizers, procedure, schedule and metrics
 * exactly as {@link TrainCommand} does, and rank 0 runs its callbacks (progress, metrics files,
 * curves, checkpoints that describe the run, early stopping).
 */
record SparkRecipe(List<String> args, Map<String, String> runInfo, int outputs, int targets, String outDir, String monitor)
    implements TrainingRecipe {
  SparkRecipe {
    args = List.copyOf(args);
    runInfo = new LinkedHashMap<>(runInfo);
  }

  /** {@code --key=value} for every option (each value of a repeatable one). */
  static List<String> args(Options o) {
    List<String> a = new ArrayList<>();
    for (Map.Entry<String, String> e : o.asMap().entrySet()) {
      List<String> all = o.all(e.getKey());
      for (String v : all.isEmpty() ? List.of(e.getValue()) : all) a.add("--" + e.getKey() + "=" + v);
    }
    return a;
  }

  Options options() { return Options.parse(args, Options.TRAIN_KEYS, "train"); }

  TrainSettings settings() { return TrainSettings.of(options()); }

  Components components() { return Components.parse(options(), settings().defaultLoss()); }

  /** The model of the run's description, seeded with --seed (every worker builds the same weights; {@code g} is not used). */
  @Override
  public Module model(Generator g) { return RunInfo.fromMetadata(runInfo).buildModel(settings().seed()); }

  @Override
  public Optimizer optimizer(Module model) {
    TrainSettings s = settings();
    return Optimizers.build(s.optimizer(), model.parameters(), s.lr(), s.momentum(), s.weightDecay());
  }

  @Override
  public Objective objective() { return components().objective(); }

  @Override
  public List<Regularizer> regularizers() { return Arrays.asList(components().buildRegularizers()); }

  @Override
  public TrainStep step() { return components().step(); }

  @Override
  public Schedule schedule(Optimizer optimizer, int epochs, int batchesPerEpoch) {
    TrainSettings s = settings();
    Optimizers.Schedule sc = Optimizers.schedule(s.schedule(), optimizer, s.lr(), epochs, batchesPerEpoch);
    return sc == null ? null : new Schedule(sc.scheduler(), sc.perStep());
  }

  @Override
  public List<Metric> metrics() {
    return settings().regression() ? Arrays.asList(RegressionTask.metrics(components(), outputs, targets)) : List.of();
  }

  /** jgrad train's callbacks: progress on rank 0's standard output (the driver's console in local mode), files in --out. */
  @Override
  public List<Callback> rankZeroCallbacks() {
    Path dir = Path.of(outDir);
    TrainSettings s = settings();
    return Arrays.asList(RunCallbacks.of(dir, System.out, RunCallbacks.Files.in(dir), new Generator(s.seed()), monitor, runInfo,
        s.patience()));
  }
}
