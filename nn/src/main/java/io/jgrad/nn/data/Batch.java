package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;

/**
 * A mini-batch: inputs {@code x} of shape [B, ...] and INT64 labels {@code y} of shape [B].
 * The consumer owns both tensors ({@link #close} frees them).
 */
public record Batch(Tensor x, Tensor y) implements AutoCloseable {
  /** Number of examples in the batch. */
  public int size() { return y.shape()[0]; }

  @Override
  public void close() {
    x.close();
    y.close();
  }
}
