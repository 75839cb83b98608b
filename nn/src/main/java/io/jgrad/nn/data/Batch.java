package io.jgrad.nn.data;

import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;

/**
 * A mini-batch: inputs {@code x} of shape [B, ...] and INT64 labels {@code y} of shape [B].
 * The consumer owns both tensors ({@link #close} frees them).
 */
public record Batch(Tensor x, Tensor y) implements AutoCloseable {
  /** Number of examples in the batch. */
  public int size() { return y.shape()[0]; }

  /**
   * This batch on {@code device}: itself when already there, else a copy (one upload each of x
   * and y) and this batch is closed, so the caller keeps owning exactly one batch.
   */
  public Batch to(Device device) {
    if (x.device().equals(device) && y.device().equals(device)) return this;
    try (this) {
      return new Batch(x.to(device), y.to(device));
    }
  }

  @Override
  public void close() {
    x.close();
    y.close();
  }
}
