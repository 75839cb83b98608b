package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.Metrics;
import io.jgrad.spark.DataParallelConfig;
import io.jgrad.spark.DataParallelResult;
import io.jgrad.spark.Sample;
import io.jgrad.spark.Samples;
import io.jgrad.spark.SparkContexts;
import io.jgrad.spark.SparkTraining;
import io.jgrad.tensor.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code jgrad train --spark MASTER [--workers N] ...}: {@code jgrad train}'s options, run as
 * data-parallel training on Spark (found by the cli through {@link TrainLauncher}'s
 * ServiceLoader; this class sits in the cli's package to reuse its package-private building
 * blocks, and ships in the spark module's jar).
 *
 * <p>The driver loads and prepares the data as {@code jgrad train} does (validation split,
 * standardization, labels) and spreads the training examples over the workers;
 * {@code --batch-size} is the global batch (each worker takes batch-size / workers examples per
 * step), so the run equals the single-process one on the joint batches; every worker validates
 * on the whole validation split; rank 0 writes the checkpoints (describing the run, as
 * {@code eval} and {@code predict} expect), metrics and curves into {@code --out}, a path every
 * executor can write (local mode, or a shared file system), and rerunning the command with the
 * same {@code --out} resumes from its newest epoch checkpoint. The driver then reports the best
 * checkpoint on the test set.
 */
public final class SparkTrain implements TrainLauncher {
  @Override
  public String option() { return "spark"; }

  @Override
  public TrainCommand.Result train(Options o, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    String master = o.str("spark", "").trim();
    if (master.isEmpty()) {
      throw new IllegalArgumentException("--spark needs a master: local[2], spark://host:7077, yarn, ... or default (spark-submit's)");
    }
    if (!o.str("device", "cpu").equalsIgnoreCase("cpu")) throw new IllegalArgumentException("--spark trains on the executors' CPUs; drop --device");
    if (o.has("resume")) {
      throw new IllegalArgumentException("--resume: with --spark, rerun the command with the same --out; the workers resume from its newest"
          + " epoch checkpoint");
    }
    TrainSettings s = TrainSettings.of(o);
    Components components = Components.parse(o, s.defaultLoss());
    RunData data = RunData.forTraining(o, s, null);
    int outputs = s.regression() ? RegressionTask.outputs(o, components, data.targets()) : data.classes();
    ModelSpec spec = ModelSpec.of(o, s.model(), data.exampleShape(), outputs);
    Map<String, String> recorded = RunConfig.recordOptions(o);
    recorded.remove("spark");
    recorded.remove("workers");
    RunInfo info = new RunInfo(s.task(), s.dataset(), spec, data.labels(), data.targetNames(), data.featureNames(), data.labelName(),
        data.standardizer(), data.missing(), data.fill(), recorded, components.record());
    Path dir = s.out().toAbsolutePath();
    Files.createDirectories(dir);
    String monitor = TrainSettings.monitor(data.val() != null);
    List<Sample> train = Samples.of(data.train());
    List<Sample> val = data.val() == null ? null : Samples.of(data.val());

    boolean ours = SparkContexts.active() == null;
    JavaSparkContext sc = ours ? SparkContexts.start(master, "jgrad train") : SparkContexts.active();
    try {
      int workers = o.has("workers") ? o.positiveInt("workers", 1) : sc.defaultParallelism();
      if (s.batchSize() % workers != 0) {
        throw new IllegalArgumentException("--batch-size " + s.batchSize() + " must be a multiple of the " + workers
            + " workers (each takes batch-size / workers examples per step)");
      }
      SparkRecipe recipe = new SparkRecipe(SparkRecipe.args(o), info.toMetadata(), outputs, data.targets(), dir.toString(), monitor);
      DataParallelConfig cfg = DataParallelConfig.builder().workers(workers).epochs(s.epochs()).batchSize(s.batchSize() / workers)
          .seed(s.seed()).resumeFrom(dir.toString()).featureShape(rest(data.train().features().shape()))
          .targetShape(rest(data.train().labels().shape())).build();
      Module model = info.buildModel(s.seed());
      out.printf(Locale.ROOT, "jgrad train --spark %s: %s, %d train / %s validation / %s test examples, %s; model %s (%,d parameters); %s;"
              + " %s lr=%.3g; %d workers x batch %d (global batch %d), epochs %d, seed %d%n", sc.master(), data.name(), train.size(),
          val == null ? "no" : Integer.toString(val.size()), data.test() == null ? "no" : Integer.toString(data.test().size()),
          s.regression() ? outputs + " output" + (outputs == 1 ? "" : "s") : data.classes() + " classes", spec.describe(),
          model.parameterCount(), components.describe(), s.optimizer(), s.lr(), workers, s.batchSize() / workers, s.batchSize(), s.epochs(),
          s.seed());
      DataParallelResult r = SparkTraining.fit(sc, sc.parallelize(train, workers), val, recipe, cfg);
      out.println(r.summary());
      int last = r.history().isEmpty() ? r.rank0().startEpoch() - 1 : r.history().get(r.history().size() - 1).epoch();
      return report(o, s, data, components, outputs, model, dir, monitor, last, t0, out);
    } finally {
      if (ours) sc.stop();
    }
  }

  /** The best checkpoint on the test set, printed as jgrad train prints it. */
  private static TrainCommand.Result report(Options o, TrainSettings s, RunData data, Components components, int outputs, Module model, Path dir,
                                            String monitor, int last, long t0, PrintStream out) throws IOException {
    Path best = Files.isRegularFile(dir.resolve(CheckpointSaver.BEST)) ? dir.resolve(CheckpointSaver.BEST)
        : dir.resolve(CheckpointSaver.epochFileName(last));
    Checkpoint ck = Checkpoint.load(best);
    Metrics test = null;
    TestReport.Result report = null;
    if (data.test() != null) {
      ck.loadInto(model.stateDict());
      if (s.regression()) {
        test = RegressionTask.evaluate(model, components, outputs, data.targets(), data.test(), Device.CPU);
      } else {
        report = TestReport.evaluate(model, components.objective(), data.test(), data.labels(), Device.CPU, 256);
        test = report.metrics();
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    String after = String.format(Locale.ROOT, "the best checkpoint (epoch %s, %s %s) after %d epochs, %.1f s",
        ck.metadata().getOrDefault("train.epoch", "?"), monitor, value(ck), last, secs);
    if (test == null) out.println("no test set (--test FILE): " + after);
    else if (s.regression()) out.println("test " + RegressionTask.summary(test, Components.shortSpec(components.loss())) + " of " + after);
    else out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) of %s%n", 100 * test.accuracy(), test.loss(), after);
    if (report != null) TestReport.write(report, dir, best, Components.shortSpec(components.loss()), data.name(), out);
    RunCallbacks.Files files = RunCallbacks.Files.in(dir);
    out.println("checkpoints: " + best + " (best), " + dir.resolve(CheckpointSaver.epochFileName(last)) + " (last)");
    out.println("metrics:     " + files.csv() + ", " + files.jsonl());
    return new TrainCommand.Result(test == null ? Double.NaN : test.loss(), test == null ? Double.NaN : test.accuracy(), dir, last, secs,
        test == null ? Map.of() : test.values());
  }

  /** The monitored value a checkpoint was saved with, to 4 decimals. */
  private static String value(Checkpoint c) {
    String v = c.metadata().get("train.value");
    try {
      return String.format(Locale.ROOT, "%.4f", Double.parseDouble(v));
    } catch (NumberFormatException | NullPointerException e) {
      return String.valueOf(v);
    }
  }

  /** A shape without its first (example) dimension. */
  private static int[] rest(int[] shape) { return Arrays.copyOfRange(shape, 1, shape.length); }
}
