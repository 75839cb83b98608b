package io.jgrad.nn.train;

import java.nio.file.Path;

/**
 * Writes one CSV row per epoch:
 * {@code epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds}.
 * Without validation the val columns are empty; numbers are Java's shortest round-trip form
 * ({@code NaN} for an undefined accuracy). A fresh run truncates the file, a resumed run appends.
 */
public final class MetricsCsv extends MetricsFile {
  public static final String HEADER = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds\n";

  public MetricsCsv(Path path) { super(path, "MetricsCsv"); }

  @Override
  String header() { return HEADER; }

  @Override
  String record(EpochResult r) {
    Metrics v = r.validation();
    return r.epoch() + "," + r.trainLoss() + "," + r.trainAccuracy() + "," + (v == null ? "" : Double.toString(v.loss())) + ","
        + (v == null ? "" : Double.toString(v.accuracy())) + "," + r.learningRate() + "," + r.seconds() + "\n";
  }
}
