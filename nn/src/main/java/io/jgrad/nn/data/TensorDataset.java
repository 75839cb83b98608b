package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An in-memory dataset over a features tensor [N, ...], targets and named fields: example i is
 * {@code features[i]} with target {@code targets[i]} and every {@code field[i]}.
 *
 * <p>{@link #TensorDataset(Tensor, Tensor)} is the classification form (int64 labels [N]).
 * {@link #TensorDataset(Tensor, Tensor, Map)} takes targets of any dtype and shape [N, ...]
 * (float regression values [N] or [N, k], dense masks [N, H, W], int64 class maps) or none
 * (null, unlabelled data), and named fields [N, ...] (group ids, bag ids, propensities) that
 * every batch carries ({@link Batch#field}). Batches carry the examples' indices.
 */
public final class TensorDataset implements Dataset {
  private final Tensor features;
  private final Tensor labels;
  private final long[] labelValues;
  private final Map<String, Tensor> fields;
  private final int n;

  /** Classification: features [N, ...] and int64 labels [N]. */
  public TensorDataset(Tensor features, Tensor labels) {
    if (features == null || labels == null) throw new IllegalArgumentException("TensorDataset: features and labels must not be null");
    checkFeatures(features);
    if (labels.dim() != 1) {
      throw new IllegalArgumentException("TensorDataset: labels must have shape [N], got " + Arrays.toString(labels.shape())
          + " (for targets of other shapes use TensorDataset(features, targets, fields))");
    }
    if (labels.dtype() != DType.INT64) {
      throw new IllegalArgumentException("TensorDataset: labels must be int64, got " + labels.dtype()
          + " (for float targets use TensorDataset(features, targets, fields))");
    }
    checkRows("labels", labels, features);
    this.features = features;
    this.labels = labels;
    this.labelValues = labels.toLongArray();
    this.fields = Map.of();
    this.n = features.shape()[0];
  }

  /**
   * Features [N, ...], targets [N, ...] of any dtype (or null) and named fields [N, ...] (may be
   * empty). The dataset keeps references; it does not copy or close them.
   */
  public TensorDataset(Tensor features, Tensor targets, Map<String, Tensor> fields) {
    if (features == null) throw new IllegalArgumentException("TensorDataset: features must not be null");
    checkFeatures(features);
    if (targets != null) checkRows("targets", targets, features);
    LinkedHashMap<String, Tensor> f = new LinkedHashMap<>();
    if (fields != null) {
      for (var e : fields.entrySet()) {
        if (e.getKey() == null || e.getKey().isEmpty()) throw new IllegalArgumentException("TensorDataset: a field has an empty name");
        if (e.getValue() == null) throw new IllegalArgumentException("TensorDataset: field '" + e.getKey() + "' is null");
        checkRows("field '" + e.getKey() + "'", e.getValue(), features);
        f.put(e.getKey(), e.getValue());
      }
    }
    this.features = features;
    this.labels = targets;
    this.labelValues = targets != null && targets.dim() == 1 && targets.dtype() == DType.INT64 ? targets.toLongArray() : null;
    this.fields = Collections.unmodifiableMap(f);
    this.n = features.shape()[0];
  }

  private static void checkFeatures(Tensor features) {
    if (features.dim() < 1) {
      throw new IllegalArgumentException("TensorDataset: features must have shape [N, ...], got a scalar " + Arrays.toString(features.shape()));
    }
  }

  private static void checkRows(String what, Tensor t, Tensor features) {
    if (t.dim() < 1 || t.shape()[0] != features.shape()[0]) {
      throw new IllegalArgumentException("TensorDataset: features " + Arrays.toString(features.shape()) + " and " + what + " "
          + Arrays.toString(t.shape()) + " disagree on N (" + features.shape()[0] + " vs " + (t.dim() < 1 ? "a scalar" : t.shape()[0]) + ")");
    }
  }

  public Tensor features() { return features; }

  /** The labels or targets (null for an unlabelled dataset). */
  public Tensor labels() { return labels; }

  /** The named fields, in the order given. */
  public Map<String, Tensor> fields() { return fields; }

  @Override
  public int size() { return n; }

  @Override
  public Example get(int i) {
    check(i);
    try (Tensor row = features.select(0, i)) {
      if (labelValues != null && fields.isEmpty()) return new Example(row.copy(), labelValues[i]);
      Map<String, Tensor> f = new LinkedHashMap<>();
      fields.forEach((k, v) -> f.put(k, row(v, i)));
      Tensor target = labels == null ? null : row(labels, i);
      return labelValues != null ? new Example(row.copy(), labelValues[i], null, f) : new Example(row.copy(), target, f);
    }
  }

  private static Tensor row(Tensor t, int i) {
    try (Tensor r = t.select(0, i)) {
      return r.copy();
    }
  }

  @Override
  public Batch batch(int[] indices) {
    long[] idx = new long[indices.length];
    for (int k = 0; k < indices.length; k++) {
      check(indices[k]);
      idx[k] = indices[k];
    }
    Tensor index = Tensor.of(idx);
    Tensor y;
    if (labelValues != null) {
      long[] ys = new long[indices.length];
      for (int k = 0; k < indices.length; k++) ys[k] = labelValues[indices[k]];
      y = Tensor.of(ys);
    } else {
      y = labels == null ? null : labels.indexSelect(0, index);
    }
    Map<String, Tensor> f = new LinkedHashMap<>();
    fields.forEach((k, v) -> f.put(k, v.indexSelect(0, index)));
    return new Batch(features.indexSelect(0, index), y, index, f);
  }

  private void check(int i) {
    if (i < 0 || i >= n) throw new IndexOutOfBoundsException("TensorDataset: index " + i + " out of range for size " + n);
  }
}
