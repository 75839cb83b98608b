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
    // The run's loss (run.properties, or --loss): the same objective the run reported.
    Components components = Components.lossOnly(o.str("loss", Components.DEFAULT_LOSS));
    String kind = o.choice("model", o.str("dataset", "digits").equalsIgnoreCase("digits") ? "cnn" : "mlp", "mlp", "cnn");
    DataSources.Data data = DataSources.load(o, false);
    int classes = data.classes() > 0 ? data.classes() : o.positiveInt("classes", 10);
    Module model = Models.build(kind, data.exampleShape(), classes, 0).to(device);
    c.loadInto(model.stateDict());
    try (DataLoader test = DataLoader.builder(data.test(), o.positiveInt("batch-size", 256)).device(device).build()) {
      // The optimizer is never stepped: evaluate() only runs the model.
      Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), components.objective()).build();
      Metrics m = t.evaluate(test);
      out.printf(Locale.ROOT, "%s on %s test set (%d examples): loss %.4f (%s), accuracy %.2f%%%n", file, data.name(), m.examples(),
          m.loss(), Components.shortSpec(components.loss()), 100 * m.accuracy());
      return m;
    }
  }
}
