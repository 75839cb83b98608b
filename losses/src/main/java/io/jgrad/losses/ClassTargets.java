package io.jgrad.losses;

import io.jgrad.tensor.DType;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Shared handling of class-index targets for the catalog's classification losses: shape checks,
 * dense inputs flattened to rows, the picked per-sample value, ignore_index masking and the final
 * reduction. MEAN averages over the samples whose target is not ignored; when every target is
 * ignored the value is NaN (0 / 0, as torch's cross entropy) and the gradient 0.
 */
final class ClassTargets {
  private ClassTargets() {}

  /**
   * Logits as rows [M, C], targets [M] int64 with ignored entries replaced by 0 ({@code safe}),
   * the float keep mask [M] (0 where ignored) and the target's original shape (for NONE).
   */
  record Rows(Tensor logits, Tensor safe, Tensor keep, int[] targetShape) {
    int classes() { return logits.size(1); }

    /** x [M, C] at each row's target: [M]. */
    Tensor pick(Tensor x) { return x.gather(1, safe.unsqueeze(1)).squeeze(1); }

    /** One-hot rows of the (safe) targets in the logits' dtype: [M, C]. */
    Tensor oneHot() { return safe.oneHot(classes()).to(logits.dtype()); }

    /** Reduces per-row values [M] (ignored rows are zeroed here). */
    Tensor reduce(Tensor perRow, Reduction reduction) {
      Tensor v = perRow.mul(keep);
      return switch (reduction) {
        case NONE -> v.reshape(targetShape);
        case SUM -> v.sum();
        case MEAN -> meanOverKept(v.sum(), keep.sum());
      };
    }
  }

  /** sum / count, NaN (with zero gradient) when count is 0. */
  static Tensor meanOverKept(Tensor sum, Tensor count) {
    Tensor empty = count.eq(0);
    Tensor safe = Tensor.where(empty.logicalNot(), count, 1.0);
    Tensor nan = Tensor.where(empty, Tensor.fullLike(count, Double.NaN), 0.0);
    return sum.div(safe).add(nan);
  }

  /**
   * Checks logits [N, C] or [N, C, d1, ...] against int64 targets [N] or [N, d1, ...] and returns
   * the rows. Targets equal to {@code ignoreIndex} are masked; others must lie in [0, C).
   */
  static Rows rows(String op, Tensor logits, Tensor target, int ignoreIndex) {
    Check.notNull(op, "logits", logits, "target", target);
    Check.floating(op, "logits", logits);
    if (target.dtype() != DType.INT64 && target.dtype() != DType.INT32) {
      throw new IllegalArgumentException(op + ": target must be int64 class indices, got " + target.dtype());
    }
    if (logits.dim() < 2) {
      throw new IllegalArgumentException(op + ": logits must be [N, C] or [N, C, d1, ...], got " + Check.shape(logits));
    }
    int[] in = logits.shape();
    int[] expect = new int[in.length - 1];
    expect[0] = in[0];
    System.arraycopy(in, 2, expect, 1, in.length - 2);
    if (!Arrays.equals(expect, target.shape())) {
      throw new IllegalArgumentException(op + ": target " + Check.shape(target) + " does not match logits "
          + Check.shape(logits) + " (expected target shape " + Arrays.toString(expect) + ")");
    }
    int c = in[1];
    if (c == 0) throw new IllegalArgumentException(op + ": logits " + Check.shape(logits) + " have no classes");
    for (long t : target.toLongArray()) {
      if (t != ignoreIndex && (t < 0 || t >= c)) {
        throw new IllegalArgumentException(op + ": target class " + t + " out of range for " + c + " classes");
      }
    }
    Tensor rowsX = logits.dim() == 2 ? logits : logits.movedim(1, -1).reshape(-1, c);
    Tensor t = target.to(DType.INT64).reshape(-1);
    Tensor ignored = t.eq(ignoreIndex);
    return new Rows(rowsX, t.maskedFill(ignored, 0), ignored.logicalNot().to(logits.dtype()), target.shape());
  }

  static void atLeast(String op, String name, double value, double min) {
    if (!(value >= min)) throw new IllegalArgumentException(op + ": " + name + " must be >= " + min + ", got " + value);
  }

  static void finite(String op, String name, double value) {
    if (!Double.isFinite(value)) throw new IllegalArgumentException(op + ": " + name + " must be finite, got " + value);
  }

  static void inRange(String op, String name, double value, double lo, double hi) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(op + ": " + name + " must be in [" + lo + ", " + hi + "], got " + value);
    }
  }

  static void reduction(String op, Reduction reduction) {
    if (reduction == null) throw new IllegalArgumentException(op + ": reduction is null");
  }
}
