package io.jgrad.cli;

import io.jgrad.nn.Module;
import io.jgrad.nn.data.DataLoader;
import io.jgrad.nn.data.TensorDataset;
import io.jgrad.nn.optim.SGD;
import io.jgrad.nn.train.Metrics;
import io.jgrad.nn.train.Objective;
import io.jgrad.nn.train.Trainer;
import io.jgrad.tensor.Device;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classifier on a labelled set: loss (the run's objective), accuracy and a {@link ClassReport}
 * (per-class precision, recall, F1, the confusion matrix), in one evaluation pass; what
 * {@code train} reports for its best checkpoint at the end and {@code eval} for any checkpoint.
 */
final class TestReport {
  record Result(Metrics metrics, ClassReport report) {}

  private TestReport() {}

  static Result evaluate(Module model, Objective objective, TensorDataset data, LabelMap labels, Device device, int batchSize) {
    ConfusionMatrix cm = new ConfusionMatrix(labels.size());
    try (DataLoader dl = DataLoader.builder(data, batchSize).device(device).build()) {
      // The optimizer is never stepped: evaluate() only runs the model.
      Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), objective).metrics(cm).build();
      Metrics m = t.evaluate(dl);
      return new Result(m, ClassReport.of(cm.counts(), labels.names()));
    }
  }

  /** Writes confusion.csv, per_class.csv and eval.json into {@code dir} and says where. */
  static List<Path> write(Result r, Path dir, Path checkpoint, String loss, String dataName, PrintStream out) throws IOException {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("checkpoint", checkpoint.toAbsolutePath().normalize().toString());
    extra.put("data", dataName);
    extra.put("loss_function", loss);
    extra.put("loss", r.metrics().loss());
    List<Path> files = r.report().write(dir, extra);
    out.println("report:      " + files.get(0) + ", " + files.get(1) + ", " + files.get(2));
    return files;
  }
}
