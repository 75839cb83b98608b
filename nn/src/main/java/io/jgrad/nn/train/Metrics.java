package io.jgrad.nn.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of {@link Trainer#evaluate}: mean loss per example, the fraction of examples whose
 * argmax logit equals the label (NaN when the outputs or targets are not a classification), the
 * number of examples seen, and the values of the Trainer's {@link Metric}s by name (in the order
 * the metrics were given; empty without metrics).
 */
public record Metrics(double loss, double accuracy, long examples, Map<String, Double> values) {
  public Metrics {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
  }

  /** Loss, accuracy and count, without metric values. */
  public Metrics(double loss, double accuracy, long examples) { this(loss, accuracy, examples, Map.of()); }

  /** The metric value {@code name}; an unknown name is an error listing the available ones. */
  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Metrics: no value '" + name + "'; "
          + (values.isEmpty() ? "no metrics were evaluated (Trainer.Builder.metrics)" : "available: " + String.join(", ", values.keySet())));
    }
    return v;
  }
}
