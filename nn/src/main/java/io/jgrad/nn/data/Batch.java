package io.jgrad.nn.data;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Device;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A mini-batch: inputs {@code x} [B, ...], targets {@code y}, the examples' indices in their
 * dataset and named extra fields.
 *
 * <ul>
 *   <li>{@code y}: int64 class indices [B], or a floating tensor of any shape [B, ...]
 *       (regression values [B] or [B, k], dense masks [B, H, W]); null for unlabelled data.</li>
 *   <li>{@code index}: int64 [B], the position of each example in its {@link Dataset} (for
 *       per-sample state: target tables, sample weights); every {@link Dataset#batch} and
 *       {@link DataLoader} path fills it; null for a hand-made batch.</li>
 *   <li>{@code fields}: named tensors of shape [B, ...] (group ids, bag ids, propensities),
 *       in insertion order; empty when there are none.</li>
 * </ul>
 *
 * <p>Ownership: the consumer owns every tensor of a batch it receives; {@link #close} frees them
 * all. {@link #withX} and {@link #withY} make a batch that shares the other tensors with this
 * one: it is a borrowed view, never closed itself; this batch stays their owner, and the new
 * tensor belongs to whoever made it (inside a training step, the step's {@code TensorScope}).
 */
public record Batch(Tensor x, Tensor y, Tensor index, Map<String, Tensor> fields) implements AutoCloseable {
  public Batch {
    if (x == null) throw new IllegalArgumentException("Batch: x is null");
    if (x.dim() < 1) throw new IllegalArgumentException("Batch: x must have shape [B, ...], got a scalar");
    int b = x.shape()[0];
    if (y != null) checkRows("y", y, b);
    if (index != null) {
      checkRows("index", index, b);
      if (index.dim() != 1 || index.dtype() != DType.INT64) {
        throw new IllegalArgumentException("Batch: index must be int64 [" + b + "], got " + index.dtype() + " " + Arrays.toString(index.shape()));
      }
    }
    LinkedHashMap<String, Tensor> f = new LinkedHashMap<>();
    if (fields != null) {
      for (Map.Entry<String, Tensor> e : fields.entrySet()) {
        if (e.getKey() == null || e.getKey().isEmpty()) throw new IllegalArgumentException("Batch: a field has an empty name");
        if (e.getValue() == null) throw new IllegalArgumentException("Batch: field '" + e.getKey() + "' is null");
        checkRows("field '" + e.getKey() + "'", e.getValue(), b);
        f.put(e.getKey(), e.getValue());
      }
    }
    fields = Collections.unmodifiableMap(f);
  }

  /** A batch of inputs and targets, without indices or fields. */
  public Batch(Tensor x, Tensor y) { this(x, y, null, Map.of()); }

  private static void checkRows(String what, Tensor t, int b) {
    if (t.dim() < 1 || t.shape()[0] != b) {
      throw new IllegalArgumentException("Batch: " + what + " must have " + b + " rows (x is " + b + " examples), got shape "
          + Arrays.toString(t.shape()));
    }
  }

  /** Number of examples in the batch (the first dimension of x). */
  public int size() { return x.shape()[0]; }

  /** The named field {@code name}; an unknown name is an error listing the available ones. */
  public Tensor field(String name) {
    Tensor t = fields.get(name);
    if (t == null) {
      throw new IllegalArgumentException("Batch: no field '" + name + "'; "
          + (fields.isEmpty() ? "this batch has no named fields" : "available: " + String.join(", ", fields.keySet())));
    }
    return t;
  }

  /** Whether the batch has a field {@code name}. */
  public boolean hasField(String name) { return fields.containsKey(name); }

  /**
   * A batch with inputs {@code newX} (same number of rows) and this batch's targets, indices and
   * fields: for perturbed inputs (adversarial or virtual-adversarial examples, augmentations).
   * See the class comment for ownership: do not close the result.
   */
  public Batch withX(Tensor newX) {
    if (newX == null) throw new IllegalArgumentException("Batch.withX: newX is null");
    if (newX.dim() < 1 || newX.shape()[0] != size()) {
      throw new IllegalArgumentException("Batch.withX: newX must have " + size() + " rows, got shape " + Arrays.toString(newX.shape()));
    }
    return new Batch(newX, y, index, fields);
  }

  /** A batch with targets {@code newY} and this batch's inputs, indices and fields (soft or mixed targets); do not close it. */
  public Batch withY(Tensor newY) { return new Batch(x, newY, index, fields); }

  /**
   * This batch on {@code device}: itself when every tensor is already there, else a copy (one
   * upload per tensor) and this batch is closed, so the caller keeps owning exactly one batch.
   */
  public Batch to(Device device) {
    if (device == null) throw new IllegalArgumentException("Batch.to: device is null");
    if (on(x, device) && on(y, device) && on(index, device) && fields.values().stream().allMatch(t -> on(t, device))) return this;
    try (this) {
      LinkedHashMap<String, Tensor> f = new LinkedHashMap<>();
      fields.forEach((k, v) -> f.put(k, v.to(device)));
      return new Batch(x.to(device), y == null ? null : y.to(device), index == null ? null : index.to(device), f);
    }
  }

  private static boolean on(Tensor t, Device d) { return t == null || t.device().equals(d); }

  /** Closes x, y, index and every field. */
  @Override
  public void close() {
    x.close();
    if (y != null) y.close();
    if (index != null) index.close();
    for (Tensor t : fields.values()) t.close();
  }
}
