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
import java.util.Locale;
import java.util.Map;

/**
 * {@code jgrad train}: loads a dataset and holds out the validation split, builds the model and
 * optimizer, runs the {@link Trainer} with progress, metrics (CSV, JSONL), curves (PNG, SVG) and
 * checkpoints (best by validation loss, and the last) written to the output directory, each
 * checkpoint describing its run ({@link RunInfo}); then reports the best checkpoint on the test
 * set (loss, accuracy, per-class precision/recall/F1, confusion matrix) and where the files are.
 */
public final class TrainCommand {
  /**
   * What a run ended with: the best checkpoint's test loss, accuracy (NaN for regression) and
   * metrics (regression: rmse, mae, r2, ...; classification: macro_f1), all NaN or empty without a test set.
   */
  public record Result(double testLoss, double testAccuracy, Path outDir, int lastEpoch, double seconds, Map<String, Double> metrics) {}

  private TrainCommand() {}

  public static Result run(Options o, PrintStream out) throws IOException {
    // --spark MASTER: data-parallel training on Spark, provided by the optional spark module.
    if (o.has("spark")) return TrainLauncher.find("spark").train(o, out);
    if (o.has("workers")) throw new IllegalArgumentException("--workers needs --spark MASTER");
    long t0 = System.nanoTime();
    Device device = Main.checkDevice(o);
    Path resumeFile = o.has("resume") ? Path.of(o.str("resume", "")) : null;
    Checkpoint resume = resumeFile == null ? null : RunConfig.loadCheckpoint(resumeFile);
    RunInfo prior = resume == null ? null : RunConfig.describe(resumeFile, resume, o, true);
    TrainSettings s = TrainSettings.of(o);
    // Validated before any data is loaded: an unknown id or parameter is one line naming the valid ones.
    Components components = Components.parse(o, s.defaultLoss());

    RunData data = RunData.forTraining(o, s, prior);
    int outputs = s.regression() ? RegressionTask.outputs(o, components, data.targets()) : data.classes();
    ModelSpec spec = ModelSpec.of(o, s.model(), data.exampleShape(), outputs);
    if (prior != null && !spec.equals(prior.model())) {
      throw new IllegalArgumentException("--resume: the checkpoint holds " + prior.model().describe() + ", these options give " + spec.describe());
    }
    if (prior != null && (prior.standardizer() != null) != s.standardize()) {
      throw new IllegalArgumentException("--resume: the checkpoint was trained " + (s.standardize() ? "without" : "with")
          + " feature standardization; drop --" + (s.standardize() ? "" : "no-") + "standardize");
    }
    RunInfo info = new RunInfo(s.task(), s.dataset(), spec, data.labels(), data.targetNames(), data.featureNames(), data.labelName(),
        data.standardizer(), data.missing(), data.fill(), RunConfig.recordOptions(o), components.record());
    // Built (and seeded) on the host, then moved: the same initial weights on every device.
    Module model = info.buildModel(s.seed()).to(device);
    Optimizer opt = Optimizers.build(s.optimizer(), model.parameters(), s.lr(), s.momentum(), s.weightDecay());
    Generator shuffle = new Generator(s.seed());
    // On a GPU the next batch is built and uploaded on the loader's thread while this one trains.
    DataLoader train = DataLoader.builder(data.train(), s.batchSize()).shuffle(true).generator(shuffle).device(device)
        .prefetch(!device.isCpu()).build();
    DataLoader val = data.val() == null ? null : DataLoader.builder(data.val(), 256).device(device).build();
    Optimizers.Schedule schedule = Optimizers.schedule(s.schedule(), opt, s.lr(), s.epochs(), train.numBatches());
    int startEpoch = resume == null ? 1 : restore(resume, model, opt, schedule, shuffle, s.epochs(), train.numBatches());

    String monitor = TrainSettings.monitor(val != null);
    Path dir = s.out();
    Files.createDirectories(dir);
    header(out, s, data, spec, model, components, startEpoch, monitor);
    if (!device.isCpu()) out.println("device: " + device + " (" + io.jgrad.tensor.spi.Backends.of(device).name() + ")");

    RunCallbacks.Files files = RunCallbacks.Files.in(dir);
    Trainer.Builder b = Trainer.builder(model, opt, components.objective()).regularizers(components.buildRegularizers())
        .trainStep(components.step()).epochs(s.epochs()).startEpoch(startEpoch)
        .callbacks(RunCallbacks.of(dir, out, files, shuffle, monitor, info.toMetadata(), s.patience()));
    if (s.regression()) b.metrics(RegressionTask.metrics(components, outputs, data.targets()));
    if (schedule != null) b.scheduler(schedule.scheduler(), schedule.perStep());
    Trainer trainer = b.build();
    // The stateful objective and regularizers (ELR's targets, ELLE's running statistics) continue too.
    if (resume != null) resume.loadModulesInto(Checkpoint.moduleState(trainer.statefulModules()));
    History h = trainer.fit(train, val);
    int last = h.epochs().isEmpty() ? startEpoch - 1 : h.epochs().get(h.epochs().size() - 1).epoch();
    if (h.stoppedEarly()) out.println("stopped early: " + h.stopReason());

    // The best checkpoint; the last epoch's when no epoch had a finite monitored value.
    Path best = Files.isRegularFile(dir.resolve(CheckpointSaver.BEST)) ? dir.resolve(CheckpointSaver.BEST)
        : dir.resolve(CheckpointSaver.epochFileName(last));
    Checkpoint bestCkpt = Checkpoint.load(best);
    String bestEpoch = bestCkpt.metadata().getOrDefault("train.epoch", "?");
    Metrics test = null;
    TestReport.Result report = null;
    if (data.test() != null) {
      bestCkpt.loadInto(model.stateDict());
      if (s.regression()) {
        test = RegressionTask.evaluate(model, components, outputs, data.targets(), data.test(), device);
      } else {
        report = TestReport.evaluate(model, components.objective(), data.test(), data.labels(), device, 256);
        test = report.metrics();
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    String after = String.format(Locale.ROOT, "the best checkpoint (epoch %s, %s %s) after %d epochs, %.1f s", bestEpoch, monitor,
        value(bestCkpt), last, secs);
    if (test == null) out.println("no test set (--test FILE): " + after);
    else if (s.regression()) out.println("test " + RegressionTask.summary(test, Components.shortSpec(components.loss())) + " of " + after);
    else out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) of %s%n", 100 * test.accuracy(), test.loss(), after);
    if (report != null) {
      report.report().print(out, 20);
      TestReport.write(report, dir, best, Components.shortSpec(components.loss()), data.name(), out);
    }
    out.println("checkpoints: " + best + " (best), " + dir.resolve(CheckpointSaver.epochFileName(last)) + " (last; --resume it)");
    out.println("metrics:     " + files.csv() + ", " + files.jsonl());
    out.println("curves:      " + files.png() + ", " + files.svg());
    return new Result(test == null ? Double.NaN : test.loss(), test == null ? Double.NaN : test.accuracy(), dir, last, secs,
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

  /** Loads the checkpoint into the model and optimizer, restores the shuffle order and schedule; returns the epoch to start at. */
  private static int restore(Checkpoint resume, Module model, Optimizer opt, Optimizers.Schedule schedule, Generator shuffle, int epochs,
                             int batches) {
    resume.loadInto(model.stateDict());
    if (!resume.optimizer().isEmpty() || resume.metadata().containsKey(OptimizerStates.METADATA_KEY)) {
      opt.loadStateDict(OptimizerStates.fromCheckpoint(resume));
    }
    int startEpoch = RunConfig.epochOf(resume, batches) + 1;
    shuffle.setState(resume.seed(), resume.rngOffset());
    if (startEpoch > epochs) {
      throw new IllegalArgumentException("--resume: the checkpoint is at epoch " + (startEpoch - 1) + ", already at --epochs " + epochs
          + "; pass a larger --epochs to continue");
    }
    // Bring the schedule to where it was (its state is not in the checkpoint).
    if (schedule != null) {
      long n = schedule.perStep() ? (long) (startEpoch - 1) * batches : startEpoch - 1;
      for (long i = 0; i < n; i++) schedule.scheduler().step();
    }
    return startEpoch;
  }

  private static void header(PrintStream out, TrainSettings s, RunData data, ModelSpec spec, Module model, Components components,
                             int startEpoch, String monitor) {
    out.printf(Locale.ROOT, "jgrad train: %s, %d train / %s validation / %s test examples, %s%s%n", data.name(), data.train().size(),
        data.val() == null ? "no" : Integer.toString(data.val().size()), data.test() == null ? "no" : Integer.toString(data.test().size()),
        s.regression() ? spec.outputs() + " output" + (spec.outputs() == 1 ? "" : "s") : data.classes() + " classes",
        data.standardizer() != null ? ", features standardized" : "");
    if (!data.notes().isEmpty()) out.println("  " + data.notes().strip());
    out.printf(Locale.ROOT, "  model %s (%,d parameters); %s; %s lr=%.3g%s; epochs %d%s, batch %d, seed %d%s, %d threads%n", spec.describe(),
        model.parameterCount(), components.describe(), s.optimizer(), s.lr(), s.schedule().equals("none") ? "" : ", schedule " + s.schedule(),
        s.epochs(), startEpoch > 1 ? " (resuming at " + startEpoch + ")" : "", s.batchSize(), s.seed(),
        s.patience() > 0 ? ", early stopping after " + s.patience() + " epochs without a better " + monitor : "",
        io.jgrad.tensor.cpu.Parallel.threads());
  }
}
