package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.train.Metrics;
import io.jgrad.tensor.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code jgrad eval --checkpoint F}: rebuilds the run's model from the checkpoint's description
 * ({@link RunInfo}; the command line may name another {@code --test} file), loads its weights,
 * applies the run's label map, missing-value fill and standardization to the test set, and
 * prints the loss (the run's, or {@code --loss ID[:k=v,...]}), the accuracy, per-class
 * precision/recall/F1 with their macro and weighted averages, and the confusion matrix; the last
 * three are also written (confusion.csv, per_class.csv, eval.json) next to the checkpoint or into {@code --out DIR}. A regression
 * run reports RMSE, MAE, R2, MAPE and MBE instead, and {@code --predictions F} writes each test row's targets and outputs.
 */
public final class EvalCommand {
  private EvalCommand() {}

  public static Metrics run(Options o, PrintStream out) throws IOException {
    Device device = Main.checkDevice(o);
    if (!o.has("checkpoint")) throw new IllegalArgumentException("needs --checkpoint FILE (e.g. runs/<time>/best.safetensors)");
    Path file = Path.of(o.str("checkpoint", ""));
    Checkpoint c = RunConfig.loadCheckpoint(file);
    boolean kindGiven = o.has("model");
    RunInfo info = RunConfig.describe(file, c, o, false);
    if (kindGiven && c.metadata().containsKey("run.format") && !o.str("model", "").equalsIgnoreCase(info.model().kind())) {
      throw new IllegalArgumentException("the checkpoint holds " + info.model().describe() + "; --model " + o.str("model", "") + " does not apply");
    }
    Components components = Components.lossOnly(o.str("loss", info.regression() ? RegressionTask.DEFAULT_LOSS : Components.DEFAULT_LOSS));
    RunData data = RunData.forEval(o, info);
    Module model = info.buildModel(0).to(device);
    c.loadInto(model.stateDict());
    if (info.regression()) return regression(o, file, info, data, model, components, device, out);
    if (o.has("predictions")) throw new IllegalArgumentException("--predictions is for regression runs; bin/jgrad predict writes a classifier's");
    TestReport.Result r = TestReport.evaluate(model, components.objective(), data.test(), info.labels(), device, o.positiveInt("batch-size", 256));
    Metrics m = r.metrics();
    out.printf(Locale.ROOT, "%s: %s, %d classes%s%n", file, info.model().describe(), info.classes(),
        info.standardizer() != null ? ", standardized features" : "");
    if (!data.notes().isEmpty()) out.println(data.notes().strip());
    out.printf(Locale.ROOT, "%s test set (%d examples): loss %.4f (%s), accuracy %.2f%%%n", data.name(), m.examples(), m.loss(),
        Components.shortSpec(components.loss()), 100 * m.accuracy());
    r.report().print(out, 20);
    Path dir = o.has("out") ? Path.of(o.str("out", "")) : file.toAbsolutePath().getParent();
    TestReport.write(r, dir, file, Components.shortSpec(components.loss()), data.name(), out);
    return m;
  }

  /** A regression run: RMSE, MAE, R2, MAPE, MBE (and quantile coverage); {@code --predictions F} writes targets and outputs. */
  private static Metrics regression(Options o, Path file, RunInfo info, RunData data, Module model, Components components, Device device,
                                    PrintStream out) throws IOException {
    Metrics m = RegressionTask.evaluate(model, components, info.model().outputs(), info.targets(), data.test(), device);
    out.printf(Locale.ROOT, "%s: %s, regression of %s%s%n", file, info.model().describe(), String.join(", ", info.targetNames()),
        info.standardizer() != null ? ", standardized features" : "");
    if (!data.notes().isEmpty()) out.println(data.notes().strip());
    out.printf(Locale.ROOT, "%s test set (%d examples): %s%n", data.name(), m.examples(), RegressionTask.summary(m, Components.shortSpec(components.loss())));
    if (o.has("predictions")) {
      Path p = Path.of(o.str("predictions", ""));
      RegressionTask.writePredictions(model, data.test(), device, p);
      out.println("predictions: " + p);
    }
    return m;
  }
}
