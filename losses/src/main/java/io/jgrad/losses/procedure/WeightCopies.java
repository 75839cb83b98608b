package io.jgrad.losses.procedure;

import io.jgrad.autograd.Grad;
import io.jgrad.tensor.Tensor;
import io.jgrad.tensor.TensorScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Saved copies of a list of tensors (weights, or gradients), kept between steps so a steady
 * training loop allocates nothing: {@link #save} copies the current values into buffers that
 * live outside every {@link TensorScope} (reallocated only when a tensor's shape, dtype or
 * device changes), {@link #restore} copies them back. Restoring is a copy, so the weights come
 * back bit-identical, which subtracting a perturbation back would not guarantee.
 */
public final class WeightCopies {
  private final List<Tensor> copies = new ArrayList<>();
  private List<Tensor> saved = List.of();

  /** Copies the values of {@code tensors} (null entries stay null). */
  public WeightCopies save(List<Tensor> tensors) {
    try (var off = Grad.disabled()) {
      while (copies.size() < tensors.size()) copies.add(null);
      for (int i = 0; i < tensors.size(); i++) {
        Tensor t = tensors.get(i);
        if (t == null) continue;
        Tensor c = copies.get(i);
        if (c == null || c.isClosed() || !Arrays.equals(c.shape(), t.shape()) || c.dtype() != t.dtype()
            || !c.device().equals(t.device())) {
          if (c != null && !c.isClosed()) c.close();
          c = TensorScope.untracked(() -> Tensor.emptyLike(t));
          copies.set(i, c);
        }
        c.copyFrom(t);
      }
    }
    saved = new ArrayList<>(tensors);
    return this;
  }

  /** Copies the saved values back into the tensors given to the last {@link #save}. */
  public void restore() {
    try (var off = Grad.disabled()) {
      for (int i = 0; i < saved.size(); i++) {
        if (saved.get(i) != null) saved.get(i).copyFrom(copies.get(i));
      }
    }
  }

  /** The saved copy of tensor {@code i} of the last {@link #save} (null where that tensor was null). */
  public Tensor copy(int i) { return saved.get(i) == null ? null : copies.get(i); }
}
