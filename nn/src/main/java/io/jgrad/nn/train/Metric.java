package io.jgrad.nn.train;

import io.jgrad.nn.data.Batch;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * A metric accumulated over batches (as torchmetrics): {@link #update} with each batch's model
 * output, {@link #compute} the values by name, {@link #reset} to start again.
 */
public interface Metric {
  void update(Tensor output, Batch batch);

  /** The metric's values by name (e.g. {"ece": 0.031}). */
  Map<String, Double> compute();

  void reset();
}
