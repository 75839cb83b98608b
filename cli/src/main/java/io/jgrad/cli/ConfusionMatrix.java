package io.jgrad.cli;

import io.jgrad.nn.data.Batch;
import io.jgrad.nn.train.Metric;
import io.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * The confusion matrix of a classifier, accumulated over batches as a {@link Metric}:
 * {@code counts()[t][p]} is the number of examples of true class t predicted as class p (the
 * arg-max of the output, as for accuracy). Shape: output [B, C] logits, batch y [B] int64.
 */
final class ConfusionMatrix implements Metric {
  private final long[][] counts;

  ConfusionMatrix(int classes) { counts = new long[classes][classes]; }

  @Override
  public void update(Tensor output, Batch batch) {
    int c = counts.length;
    if (output.dim() != 2 || output.shape()[1] != c) {
      throw new IllegalArgumentException("confusion matrix: expected outputs [B, " + c + "], got " + java.util.Arrays.toString(output.shape()));
    }
    long[] pred = output.argmax(1, false).toLongArray();
    long[] y = batch.y().toLongArray();
    for (int i = 0; i < y.length; i++) counts[(int) y[i]][(int) pred[i]]++;
  }

  /** Macro-averaged F1 (see {@link ClassReport}). */
  @Override
  public Map<String, Double> compute() { return Map.of("macro_f1", ClassReport.of(counts, null).macro()[2]); }

  @Override
  public void reset() {
    for (long[] row : counts) java.util.Arrays.fill(row, 0);
  }

  long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < c.length; i++) c[i] = counts[i].clone();
    return c;
  }
}
