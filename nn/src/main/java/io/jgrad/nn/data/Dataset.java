package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite, indexable collection of examples. {@link #get} must be safe to call from a
 * loader's prefetch thread (no thread-local state, no {@code TensorScope} assumptions).
 */
public interface Dataset {
  /** Number of examples. */
  int size();

  /** Example {@code i}, {@code 0 <= i < size()}. */
  Example get(int i);

  /**
   * The examples at {@code indices} stacked into one batch: x [B, ...]; y the int64 labels [B],
   * or the stacked targets [B, ...] when the examples carry {@link Example#target} tensors;
   * each named field stacked [B, ...]; and {@code index} the int64 {@code indices}. The default
   * stacks {@link #get} results (every example must have the same kind of target and the same
   * field names); in-memory datasets override it with one gather.
   */
  default Batch batch(int[] indices) {
    List<Example> examples = new ArrayList<>(indices.length);
    long[] idx = new long[indices.length];
    try {
      for (int k = 0; k < indices.length; k++) {
        examples.add(get(indices[k]));
        idx[k] = indices[k];
      }
      return Examples.stack(examples, idx);
    } finally {
      for (Example e : examples) Examples.close(e);
    }
  }
}
