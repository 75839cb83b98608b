package io.jgrad.nn.data;

import io.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A finite, indexable collection of labelled examples. {@link #get} must be safe to call from a
 * loader's prefetch thread (no thread-local state, no {@code TensorScope} assumptions).
 */
public interface Dataset {
  /** Number of examples. */
  int size();

  /** Example {@code i}, {@code 0 <= i < size()}. */
  Example get(int i);

  /**
   * The examples at {@code indices} stacked into one batch: x [B, ...], y [B] INT64. The default
   * stacks {@link #get} results; in-memory datasets override it with one gather.
   */
  default Batch batch(int[] indices) {
    List<Tensor> xs = new ArrayList<>(indices.length);
    long[] ys = new long[indices.length];
    try {
      for (int k = 0; k < indices.length; k++) {
        Example e = get(indices[k]);
        xs.add(e.features());
        ys[k] = e.label();
      }
      return new Batch(Tensor.stack(xs, 0), Tensor.of(ys));
    } finally {
      for (Tensor t : xs) t.close();
    }
  }
}
