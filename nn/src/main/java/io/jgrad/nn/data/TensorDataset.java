package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * An in-memory dataset over a features tensor [N, ...] and an INT64 labels tensor [N]:
 * example i is {@code features[i]} with label {@code labels[i]}.
 */
public final class TensorDataset implements Dataset {
  private final Tensor features;
  private final Tensor labels;
  private final long[] labelValues;

  public TensorDataset(Tensor features, Tensor labels) {
    if (features == null || labels == null) throw new IllegalArgumentException("TensorDataset: features and labels must not be null");
    if (features.dim() < 1) {
      throw new IllegalArgumentException("TensorDataset: features must have shape [N, ...], got a scalar " + Arrays.toString(features.shape()));
    }
    if (labels.dim() != 1) {
      throw new IllegalArgumentException("TensorDataset: labels must have shape [N], got " + Arrays.toString(labels.shape()));
    }
    if (labels.dtype() != DType.INT64) {
      throw new IllegalArgumentException("TensorDataset: labels must be int64, got " + labels.dtype());
    }
    if (features.shape()[0] != labels.shape()[0]) {
      throw new IllegalArgumentException("TensorDataset: features " + Arrays.toString(features.shape()) + " and labels "
          + Arrays.toString(labels.shape()) + " disagree on N (" + features.shape()[0] + " vs " + labels.shape()[0] + ")");
    }
    this.features = features;
    this.labels = labels;
    this.labelValues = labels.toLongArray();
  }

  public Tensor features() { return features; }

  public Tensor labels() { return labels; }

  @Override
  public int size() { return labelValues.length; }

  @Override
  public Example get(int i) {
    check(i);
    try (Tensor row = features.select(0, i)) {
      return new Example(row.copy(), labelValues[i]);
    }
  }

  @Override
  public Batch batch(int[] indices) {
    long[] idx = new long[indices.length];
    long[] ys = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      check(indices[k]);
      idx[k] = indices[k];
      ys[k] = labelValues[indices[k]];
    }
    try (Tensor index = Tensor.of(idx)) {
      return new Batch(features.indexSelect(0, index), Tensor.of(ys));
    }
  }

  private void check(int i) {
    if (i < 0 || i >= labelValues.length) {
      throw new IndexOutOfBoundsException("TensorDataset: index " + i + " out of range for size " + labelValues.length);
    }
  }
}
