package io.jgrad.spark.cli;

import io.jgrad.cli.Components;
import io.jgrad.cli.DataSources;
import io.jgrad.cli.Options;
import io.jgrad.cli.RunConfig;
import io.jgrad.cli.TrainCommand;
import io.jgrad.cli.TrainLauncher;
import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Trainer;
import io.jgrad.spark.DataParallelConfig;
import io.jgrad.spark.DataParallelResult;
import io.jgrad.spark.Sample;
import io.jgrad.spark.Samples;
import io.jgrad.spark.SparkContexts;
import io.jgrad.spark.SparkTraining;
import io.jgrad.tensor.Generator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code jgrad train --spark MASTER [--workers N] ...}: the options of {@code jgrad train}, run
 * as data-parallel training on Spark. The data is loaded on the driver and spread over the
 * workers; {@code --batch-size} is the global batch (each worker takes batch-size / workers
 * examples per step), so a run equals the single-process run with the same options on the
 * joint batches; rank 0 writes the checkpoints, metrics and curves into {@code --out} (a path
 * every executor can write: local mode, or a shared file system), where rerunning the same
 * command resumes from the newest epoch checkpoint. The driver evaluates the final model on the
 * test set.
 */
public final class SparkTrainLauncher implements TrainLauncher {
  @Override
  public String option() { return "spark"; }

  @Override
  public TrainCommand.Result train(Options o, PrintStream out) throws IOException {
    long t0 = System.nanoTime();
    String master = o.str("spark", "");
    if (master.isBlank()) throw new IllegalArgumentException("--spark needs a master: local[2], spark://host:7077, yarn, ... or default (spark-submit's)");
    if (!o.choice("task", "classification", "classification", "regression").equals("classification")) {
      throw new IllegalArgumentException("--spark trains classification runs (--task classification)");
    }
    if (!o.str("device", "cpu").equalsIgnoreCase("cpu")) throw new IllegalArgumentException("--spark trains on the executors' CPUs; drop --device");
    if (o.has("resume")) {
      throw new IllegalArgumentException("--resume: with --spark, rerun the command with the same --out; the workers resume from its newest epoch checkpoint");
    }
    Components components = Components.parse(o);
    String dataset = o.choice("dataset", "digits", "digits", "fashion-mnist", "csv");
    int epochs = o.positiveInt("epochs", dataset.equals("fashion-mnist") ? 5 : 15);
    int batch = o.positiveInt("batch-size", 32);
    long seed = o.longValue("seed", 42);
    Path dir = o.has("out") ? Path.of(o.str("out", ""))
        : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    String modelKind = o.choice("model", dataset.equals("digits") ? "cnn" : "mlp", "mlp", "cnn");
    o.putDefault("model", modelKind);

    DataSources.Data data = DataSources.load(o, true);
    List<Sample> train = Samples.of(data.train());
    List<Sample> test = Samples.of(data.test());
    Files.createDirectories(dir);
    RunConfig.write(dir, o, modelKind, data, components, 0);

    boolean ours = SparkContexts.active() == null;
    JavaSparkContext sc = ours ? SparkContexts.start(master, "jgrad train") : SparkContexts.active();
    try {
      int workers = o.has("workers") ? o.positiveInt("workers", 1) : sc.defaultParallelism();
      if (batch % workers != 0) {
        throw new IllegalArgumentException("--batch-size " + batch + " must be a multiple of the " + workers + " workers (each takes batch-size / workers per step)");
      }
      CliRecipe recipe = new CliRecipe(CliRecipe.args(o), data.exampleShape(), data.classes(), dir.toAbsolutePath().toString());
      DataParallelConfig cfg = DataParallelConfig.builder().workers(workers).epochs(epochs).batchSize(batch / workers).seed(seed)
          .checkpointDir(dir.toAbsolutePath().toString(), 1).monitor("val_accuracy").build();
      out.printf(Locale.ROOT, "jgrad train --spark %s: %s, %d train / %d test examples, %d classes; model %s; %s; %d workers x batch %d "
              + "(global batch %d), epochs %d, seed %d%n", sc.master(), data.name(), train.size(), test.size(), data.classes(), modelKind,
          components.describe(), workers, batch / workers, batch, epochs, seed);
      DataParallelResult r = SparkTraining.fit(sc, sc.parallelize(train, workers), test, recipe, cfg);

      Module model = recipe.model(new Generator(seed));
      r.loadInto(model);
      Trainer evaluator = Trainer.builder(model, recipe.optimizer(model), recipe.objective()).build();
      Metrics m = evaluator.evaluate(DataLoader.builder(data.test(), 256).build());
      double secs = (System.nanoTime() - t0) / 1e9;
      int last = r.history().isEmpty() ? r.rank0().startEpoch() - 1 : r.history().get(r.history().size() - 1).epoch();
      out.println(r.summary());
      out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epochs, %.1f s%n", 100 * m.accuracy(), m.loss(), last, secs);
      out.println("checkpoints: " + dir.resolve(CheckpointSaver.BEST) + " (best), " + dir.resolve(CheckpointSaver.epochFileName(last)) + " (last)");
      out.println("metrics:     " + dir.resolve("metrics.csv") + ", " + dir.resolve("metrics.jsonl"));
      return new TrainCommand.Result(m.loss(), m.accuracy(), dir, last, secs, m.values());
    } finally {
      if (ours) sc.stop();
    }
  }
}
