package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Shared argument handling of the overlap (segmentation) losses: predictions [B, C, spatial...]
 * and targets either as class indices [B, spatial...] (or [B, 1, spatial...]) or as a dense
 * float tensor of the predictions' shape (one-hot or soft labels).
 */
final class DenseTargets {
  private DenseTargets() {}

  /** Checks that {@code probs} is floating with at least one spatial dim: [B, C, N, ...]. */
  static void checkPredictions(String op, Tensor probs) {
    if (probs == null) throw new IllegalArgumentException(op + ": input is null");
    Check.floating(op, "input", probs);
    if (probs.dim() < 3) {
      throw new IllegalArgumentException(op + ": input must be [B, C, spatial...] with at least one spatial dim, got "
          + Check.shape(probs));
    }
  }

  /**
   * The target as a dense tensor of {@code probs}' shape and dtype: integer class indices
   * [B, spatial...] or [B, 1, spatial...] become one-hot over C = probs.size(1) channels (C = 1
   * reads the indices as a 0/1 mask); a floating target of probs' shape is used as is, and a
   * floating [B, spatial...] target gets its channel dim back when C = 1.
   */
  static Tensor dense(String op, Tensor probs, Tensor target) {
    if (target == null) throw new IllegalArgumentException(op + ": target is null");
    int c = probs.size(1);
    int[] ps = probs.shape();
    if (!target.dtype().isFloatingPoint()) {
      if (target.dtype() != DType.INT64 && target.dtype() != DType.INT32) {
        throw new IllegalArgumentException(op + ": target must be int64 class indices or floating, got " + target.dtype());
      }
      Tensor t = target.to(DType.INT64);
      if (t.dim() == ps.length && t.size(1) == 1) t = t.squeeze(1);
      int[] want = spatialShape(ps);
      if (!Arrays.equals(t.shape(), want)) {
        throw new IllegalArgumentException(op + ": class-index target must have shape " + Arrays.toString(want)
            + " for input " + Check.shape(probs) + ", got " + Check.shape(target));
      }
      if (c == 1) {
        checkRange(op, t, 2);
        return t.unsqueeze(1).to(probs.dtype());
      }
      checkRange(op, t, c);
      return t.oneHot(c).movedim(-1, 1).to(probs.dtype());
    }
    Tensor t = target;
    if (c == 1 && t.dim() == ps.length - 1) t = t.unsqueeze(1);
    if (!Arrays.equals(t.shape(), ps)) {
      throw new IllegalArgumentException(op + ": target " + Check.shape(target) + " does not match input " + Check.shape(probs)
          + " (give class indices " + Arrays.toString(spatialShape(ps)) + " or a dense target of the input's shape)");
    }
    return t.to(probs.dtype());
  }

  static int[] spatialShape(int[] ps) {
    int[] s = new int[ps.length - 1];
    s[0] = ps[0];
    System.arraycopy(ps, 2, s, 1, ps.length - 2);
    return s;
  }

  private static void checkRange(String op, Tensor t, int classes) {
    if (t.numel() == 0) return;
    long min = (long) t.min().item(), max = (long) t.max().item();
    if (min < 0 || max >= classes) {
      throw new IllegalArgumentException(op + ": class index " + (min < 0 ? min : max) + " out of range [0, " + classes + ")");
    }
  }

  /** The reduced axes: the spatial dims 2.., plus the batch dim 0 when {@code batch}. */
  static int[] axes(int rank, boolean batch) {
    int n = rank - 2 + (batch ? 1 : 0);
    int[] a = new int[n];
    int k = 0;
    if (batch) a[k++] = 0;
    for (int d = 2; d < rank; d++) a[k++] = d;
    return a;
  }

  /** Drops channel 0 of both tensors (when there is more than one channel). */
  static Tensor[] withoutBackground(Tensor probs, Tensor target, boolean includeBackground) {
    int c = probs.size(1);
    if (includeBackground || c == 1) return new Tensor[] {probs, target};
    return new Tensor[] {probs.narrow(1, 1, c - 1), target.narrow(1, 1, c - 1)};
  }

  static void checkSmooth(String op, double smoothNr, double smoothDr) {
    if (!(smoothNr >= 0) || !Double.isFinite(smoothNr)) {
      throw new IllegalArgumentException(op + ": smooth_nr must be a finite number >= 0, got " + smoothNr);
    }
    if (!(smoothDr >= 0) || !Double.isFinite(smoothDr)) {
      throw new IllegalArgumentException(op + ": smooth_dr must be a finite number >= 0, got " + smoothDr);
    }
  }
}
