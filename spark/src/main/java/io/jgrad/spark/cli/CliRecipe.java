package io.jgrad.spark.cli;

import io.jgrad.cli.Components;
import io.jgrad.cli.Models;
import io.jgrad.cli.Optimizers;
import io.jgrad.cli.Options;
import io.jgrad.nn.Module;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.Callback;
import io.jgrad.nn.train.ConsoleProgress;
import io.jgrad.nn.train.CurvePlot;
import io.jgrad.nn.train.MetricsCsv;
import io.jgrad.nn.train.MetricsJsonl;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Regularizer;
import io.jgrad.nn.train.TrainStep;
import io.jgrad.spark.TrainingRecipe;
import io.jgrad.tensor.Generator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What {@code jgrad train --spark} sends to the workers: the command's options as strings, and
 * the data's example shape and class count; each worker rebuilds the model, optimizer, loss,
 * regularizers, procedure and schedule from them exactly as {@code jgrad train} does.
 */
record CliRecipe(List<String> args, int[] exampleShape, int classes, String outDir) implements TrainingRecipe {
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

  String modelKind() { return options().choice("model", "cnn", "mlp", "cnn"); }

  String optimizerName() { return options().choice("optimizer", "adamw", "sgd", "adam", "adamw"); }

  double lr() { return options().number("lr", optimizerName().equals("sgd") ? 0.05 : 3e-3, 0, false, Double.POSITIVE_INFINITY); }

  @Override
  public Module model(Generator g) {
    // Models.build seeds its own generator with --seed: the same initial weights as jgrad train's.
    return Models.build(modelKind(), exampleShape.clone(), classes, options().longValue("seed", 42));
  }

  @Override
  public Optimizer optimizer(Module model) {
    Options o = options();
    String opt = optimizerName();
    return Optimizers.build(opt, model.parameters(), lr(), o.number("momentum", 0.9, 0, true, 1),
        o.number("weight-decay", opt.equals("adamw") ? 1e-4 : 0, 0, true, Double.POSITIVE_INFINITY));
  }

  private Components components() { return Components.parse(options()); }

  @Override
  public Objective objective() { return components().objective(); }

  @Override
  public List<Regularizer> regularizers() { return Arrays.asList(components().buildRegularizers()); }

  @Override
  public TrainStep step() { return components().step(); }

  @Override
  public Schedule schedule(Optimizer optimizer, int epochs, int batchesPerEpoch) {
    String s = options().choice("schedule", "cosine", "none", "step", "cosine", "onecycle");
    Optimizers.Schedule sc = Optimizers.schedule(s, optimizer, lr(), epochs, batchesPerEpoch);
    return sc == null ? null : new Schedule(sc.scheduler(), sc.perStep());
  }

  /** Progress on rank 0's standard output (the driver's console in local mode), metrics files and curves in --out. */
  @Override
  public List<Callback> rankZeroCallbacks() {
    Path dir = Path.of(outDir);
    return List.of(ConsoleProgress.auto(System.out), new MetricsCsv(dir.resolve("metrics.csv")), new MetricsJsonl(dir.resolve("metrics.jsonl")),
        new CurvePlot(dir.resolve("curves.png"), dir.resolve("curves.svg")));
  }
}
