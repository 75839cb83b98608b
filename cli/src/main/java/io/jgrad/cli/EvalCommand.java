package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.io.Checkpoint;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Trainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code jgrad eval --checkpoint F}: rebuilds the model of the run (options from the run's
 * {@code run.properties}, overridable on the command line), loads the checkpoint's weights (a
 * checkpoint of another model is an error naming the mismatching keys) and prints the test loss
 * (the run's loss, or {@code --loss ID[:k=v,...]}) and accuracy.
 */
public final class EvalCommand {
  private EvalCommand() {}

  public static Metrics run(Options o, PrintStream out) throws IOException {
    io.jgrad.tensor.Device device = Main.checkDevice(o);
    if (!o.has("checkpoint")) throw new IllegalArgumentException("needs --checkpoint FILE (e.g. runs/<time>/best.safetensors)");
    Path file = Path.of(o.str("checkpoint", ""));
    Checkpoint c = RunConfig.loadCheckpoint(file);
    RunConfig.applyDefaults(file, o);
    boolean regression = o.choice("task", "classification", "classification", "regression").equals("regression");
    // The run's loss (run.properties, or --loss): the same objective the run reported.
    Components components = Components.lossOnly(o.str("loss", regression ? RegressionTask.DEFAULT_LOSS : Components.DEFAULT_LOSS));
    String kind = o.choice("model", regression || !o.str("dataset", "digits").equalsIgnoreCase("digits") ? "mlp" : "cnn", "mlp", "cnn");
    DataSources.Data data = regression ? RegressionTask.load(o, false) : DataSources.load(o, false);
    int targets = regression ? RegressionTask.targets(data.test()) : 0;
    int outputs = regression ? RegressionTask.outputs(o, components, targets) : 0;
    int classes = regression ? 0 : data.classes() > 0 ? data.classes() : o.positiveInt("classes", 10);
    Module model = (regression ? RegressionTask.model(kind, data.exampleShape(), outputs, targets, 0)
        : Models.build(kind, data.exampleShape(), classes, 0)).to(device);
    c.loadInto(model.stateDict());
    try (DataLoader test = DataLoader.builder(data.test(), o.positiveInt("batch-size", 256)).device(device).build()) {
      // The optimizer is never stepped: evaluate() only runs the model.
      Trainer.Builder b = Trainer.builder(model, new SGD(model.parameters(), 0.1), components.objective());
      if (regression) b.metrics(RegressionTask.metrics(components, outputs, targets));
      Metrics m = b.build().evaluate(test);
      if (regression) {
        out.printf(Locale.ROOT, "%s on %s test set (%d examples): %s%n", file, data.name(), m.examples(),
            RegressionTask.summary(m, Components.shortSpec(components.loss())));
        if (o.has("predictions")) {
          Path p = Path.of(o.str("predictions", ""));
          RegressionTask.writePredictions(model, data.test(), device, p);
          out.println("predictions: " + p);
        }
        return m;
      }
      out.printf(Locale.ROOT, "%s on %s test set (%d examples): loss %.4f (%s), accuracy %.2f%%%n", file, data.name(), m.examples(),
          m.loss(), Components.shortSpec(components.loss()), 100 * m.accuracy());
      return m;
    }
  }
}
