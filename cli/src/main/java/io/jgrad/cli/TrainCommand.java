package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.io.OptimizerStates;
import io.jgrad.nn.optim.Optimizer;
import io.jgrad.nn.train.CheckpointSaver;
import io.jgrad.nn.train.History;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Generator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code jgrad train}: loads a dataset, builds the model and optimizer, runs the {@link Trainer}
 * with progress, metrics (CSV, JSONL), curves (PNG, SVG) and checkpoints (best and last) written
 * to the output directory, then prints the test loss and accuracy and where the files are.
 */
public final class TrainCommand {
  /** What a run ended with. */
  public record Result(double testLoss, double testAccuracy, Path outDir, int lastEpoch, double seconds, java.util.Map<String, Double> metrics) {}

  private TrainCommand() {}

  public static Result run(Options o, PrintStream out) throws IOException {
    // --spark MASTER: data-parallel training on Spark, provided by the optional spark module.
    if (o.has("spark")) return TrainLauncher.find("spark").train(o, out);
    if (o.has("workers")) throw new IllegalArgumentException("--workers needs --spark MASTER");
    long t0 = System.nanoTime();
    Device device = Main.checkDevice(o);
    boolean regression = o.choice("task", "classification", "classification", "regression").equals("regression");
    String dataset = o.choice("dataset", regression ? "csv" : "digits", "digits", "fashion-mnist", "csv");
    // Defaults: on the 8x8 digits the small CNN (97.5% in 15 epochs, ~5 s); an MLP plateaus near 95.5% there.
    String modelKind = o.choice("model", dataset.equals("digits") ? "cnn" : "mlp", "mlp", "cnn");
    // Validated before any data is loaded: an unknown id or parameter is one line naming the valid ones.
    Components components = Components.parse(o, regression ? RegressionTask.DEFAULT_LOSS : Components.DEFAULT_LOSS);
    String optName = o.choice("optimizer", "adamw", "sgd", "adam", "adamw");
    String sched = o.choice("schedule", "cosine", "none", "step", "cosine", "onecycle");
    double lr = o.number("lr", optName.equals("sgd") ? 0.05 : 3e-3, 0, false, Double.POSITIVE_INFINITY);
    double momentum = o.number("momentum", 0.9, 0, true, 1);
    double wd = o.number("weight-decay", optName.equals("adamw") ? 1e-4 : 0, 0, true, Double.POSITIVE_INFINITY);
    int epochs = o.positiveInt("epochs", dataset.equals("fashion-mnist") ? 5 : 15);
    int batch = o.positiveInt("batch-size", 32);
    long seed = o.longValue("seed", 42);
    Path dir = o.has("out") ? Path.of(o.str("out", ""))
        : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Checkpoint resume = o.has("resume") ? RunConfig.loadCheckpoint(Path.of(o.str("resume", ""))) : null;

    DataSources.Data data = regression ? RegressionTask.load(o, true) : DataSources.load(o, true);
    int targets = regression ? RegressionTask.targets(data.train()) : 0;
    int outputs = regression ? RegressionTask.outputs(o, components, targets) : 0;
    // Built (and seeded) on the host, then moved: the same initial weights on every device.
    Module model = (regression ? RegressionTask.model(modelKind, data.exampleShape(), outputs, targets, seed)
        : Models.build(modelKind, data.exampleShape(), data.classes(), seed)).to(device);
    Optimizer opt = Optimizers.build(optName, model.parameters(), lr, momentum, wd);
    Generator shuffle = new Generator(seed);
    // On a GPU the next batch is built and uploaded on the loader's thread while this one trains.
    DataLoader train = DataLoader.builder(data.train(), batch).shuffle(true).generator(shuffle).device(device)
        .prefetch(!device.isCpu()).build();
    DataLoader test = DataLoader.builder(data.test(), 256).device(device).build();
    Optimizers.Schedule schedule = Optimizers.schedule(sched, opt, lr, epochs, train.numBatches());

    int startEpoch = 1;
    if (resume != null) {
      resume.loadInto(model.stateDict());
      if (!resume.optimizer().isEmpty() || resume.metadata().containsKey(OptimizerStates.METADATA_KEY)) {
        opt.loadStateDict(OptimizerStates.fromCheckpoint(resume));
      }
      startEpoch = RunConfig.epochOf(resume, train.numBatches()) + 1;
      shuffle.setState(resume.seed(), resume.rngOffset());
      if (startEpoch > epochs) {
        throw new IllegalArgumentException("--resume: the checkpoint is at epoch " + (startEpoch - 1) + ", already at --epochs "
            + epochs + "; pass a larger --epochs to continue");
      }
      // Bring the schedule to where it was (its state is not in the checkpoint).
      if (schedule != null) {
        long n = schedule.perStep() ? (long) (startEpoch - 1) * train.numBatches() : startEpoch - 1;
        for (long i = 0; i < n; i++) schedule.scheduler().step();
      }
    }

    Files.createDirectories(dir);
    RunConfig.write(dir, o, modelKind, data, components, outputs);
    out.printf(Locale.ROOT, "jgrad train: %s, %d train / %d test examples, %s; model %s (%,d parameters); %s; %s lr=%.3g%s; "
            + "epochs %d%s, batch %d, seed %d, %d threads%n", data.name(), data.train().size(), data.test().size(),
        regression ? outputs + " output" + (outputs == 1 ? "" : "s") : data.classes() + " classes",
        modelKind, model.parameterCount(), components.describe(), optName, lr, sched.equals("none") ? "" : ", schedule " + sched, epochs,
        startEpoch > 1 ? " (resuming at " + startEpoch + ")" : "", batch, seed, io.jgrad.tensor.cpu.Parallel.threads());
    if (!device.isCpu()) out.println("device: " + device + " (" + io.jgrad.tensor.spi.Backends.of(device).name() + ")");

    Path csv = dir.resolve("metrics.csv"), jsonl = dir.resolve("metrics.jsonl");
    Path png = dir.resolve("curves.png"), svg = dir.resolve("curves.svg");
    Trainer.Builder b = Trainer.builder(model, opt, components.objective()).regularizers(components.buildRegularizers())
        .trainStep(components.step()).epochs(epochs).startEpoch(startEpoch)
        .callbacks(RunCallbacks.of(dir, out, csv, jsonl, png, svg, shuffle, regression ? "val_loss" : "val_accuracy"));
    if (regression) b.metrics(RegressionTask.metrics(components, outputs, targets));
    if (schedule != null) b.scheduler(schedule.scheduler(), schedule.perStep());
    Trainer trainer = b.build();
    History h = trainer.fit(train, test);
    Metrics m = trainer.evaluate(test);
    double secs = (System.nanoTime() - t0) / 1e9;
    int last = h.epochs().isEmpty() ? startEpoch - 1 : h.epochs().get(h.epochs().size() - 1).epoch();
    if (h.stoppedEarly()) out.println("stopped early: " + h.stopReason());
    if (regression) {
      out.printf(Locale.ROOT, "test %s after %d epochs, %.1f s%n", RegressionTask.summary(m, Components.shortSpec(components.loss())),
          last, secs);
    } else {
      out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epochs, %.1f s%n", 100 * m.accuracy(), m.loss(), last, secs);
    }
    out.println("checkpoints: " + dir.resolve(CheckpointSaver.BEST) + " (best), " + dir.resolve(CheckpointSaver.epochFileName(last))
        + " (last; --resume it)");
    out.println("metrics:     " + csv + ", " + jsonl);
    out.println("curves:      " + png + ", " + svg);
    return new Result(m.loss(), m.accuracy(), dir, last, secs, m.values());
  }
}
