package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;

/** A numeric table read by {@link Csv}: features float32 [N, F] and labels int64 [N]. */
public record CsvData(Tensor features, Tensor labels) {
  /** The table as a dataset. */
  public TensorDataset toDataset() { return new TensorDataset(features, labels); }
}
