package io.jgrad.nn.train;

import java.nio.file.Path;

/**
 * Writes one JSON object per line per epoch: {@code {"epoch":1,"train_loss":..,"train_accuracy":..,
 * "val_loss":..,"val_accuracy":..,"val_examples":..,"val_<metric>":..,"learning_rate":..,"seconds":..}}
 * (one val_ key per value of the Trainer's metrics). The val keys are absent without validation; NaN and infinities, which JSON cannot hold, are written as null.
 * A fresh run truncates the file, a resumed run appends.
 */
public final class MetricsJsonl extends MetricsFile {
  public MetricsJsonl(Path path) { super(path, "MetricsJsonl"); }

  @Override
  String header() { return ""; }

  @Override
  String record(EpochResult r) {
    StringBuilder b = new StringBuilder("{\"epoch\":").append(r.epoch());
    num(b, "train_loss", r.trainLoss());
    num(b, "train_accuracy", r.trainAccuracy());
    if (r.validation() != null) {
      num(b, "val_loss", r.validation().loss());
      num(b, "val_accuracy", r.validation().accuracy());
      b.append(",\"val_examples\":").append(r.validation().examples());
      r.validation().values().forEach((k, v) -> num(b, "val_" + escape(k), v));
    }
    num(b, "learning_rate", r.learningRate());
    num(b, "seconds", r.seconds());
    return b.append("}\n").toString();
  }

  /** A metric name as JSON string content: quotes, backslashes and control characters escaped. */
  static String escape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.toString();
  }

  private static void num(StringBuilder b, String key, double v) {
    b.append(",\"").append(key).append("\":").append(Double.isFinite(v) ? Double.toString(v) : "null");
  }
}
