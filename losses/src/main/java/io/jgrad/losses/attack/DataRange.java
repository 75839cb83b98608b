package io.jgrad.losses.attack;

import io.jgrad.tensor.Shapes;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * The valid range of the inputs an attack may produce: one interval for every feature
 * ({@code DataRange.of(0, 1)} for images in [0, 1]), per-feature bounds (tensors broadcast
 * against one example, e.g. [C, 1, 1] for per-channel limits of normalised images), or
 * {@link #unbounded()}. Adversarial inputs are clamped into it after every step.
 */
public final class DataRange {
  private final double lo, hi;
  private final Tensor loT, hiT;

  private DataRange(double lo, double hi, Tensor loT, Tensor hiT) {
    this.lo = lo;
    this.hi = hi;
    this.loT = loT;
    this.hiT = hiT;
  }

  /** Every feature in [lo, hi]. */
  public static DataRange of(double lo, double hi) {
    if (!(lo <= hi)) throw new IllegalArgumentException("DataRange: lo must be <= hi, got lo=" + lo + ", hi=" + hi);
    return new DataRange(lo, hi, null, null);
  }

  /**
   * Per-feature bounds lo &lt;= x &lt;= hi; both broadcast against one example's shape (x without its
   * batch dimension) and against each other.
   */
  public static DataRange of(Tensor lo, Tensor hi) {
    if (lo == null || hi == null) throw new IllegalArgumentException("DataRange: lo and hi must not be null");
    if (!lo.dtype().isFloatingPoint() || !hi.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("DataRange: bounds must be floating point, got " + lo.dtype() + " and " + hi.dtype());
    }
    Tensor lod = lo.detach(), hid = hi.detach();
    if (lod.gt(hid).any().item() != 0) {
      throw new IllegalArgumentException("DataRange: lo must be <= hi everywhere, got lo " + Shapes.str(lo.shape()) + " above hi "
          + Shapes.str(hi.shape()) + " somewhere");
    }
    return new DataRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, lod, hid);
  }

  /** No clamping (features on an unbounded scale). */
  public static DataRange unbounded() {
    return new DataRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, null, null);
  }

  /** x clamped into the range. Shape: x [B, ...] -> the same. */
  public Tensor clamp(Tensor x) {
    if (loT == null) {
      return Double.isInfinite(lo) && Double.isInfinite(hi) ? x : x.clamp(lo, hi);
    }
    Tensor l = fit(loT, x), h = fit(hiT, x);
    return x.maximum(l).minimum(h);
  }

  /** Throws unless the bounds broadcast against one example of x. */
  void check(String who, Tensor x) {
    if (loT == null) return;
    for (Tensor b : new Tensor[] {loT, hiT}) {
      int[] s = b.shape(), xs = x.shape();
      boolean ok = s.length <= xs.length - 1;
      for (int i = 1; ok && i <= s.length; i++) {
        int d = s[s.length - i], xd = xs[xs.length - i];
        ok = d == 1 || d == xd;
      }
      if (!ok) {
        throw new IllegalArgumentException(who + ": data range bounds of shape " + Shapes.str(s)
            + " do not broadcast against one example of x " + Shapes.str(Arrays.copyOfRange(xs, Math.min(1, xs.length), xs.length)));
      }
    }
  }

  private static Tensor fit(Tensor b, Tensor x) {
    Tensor t = b.device().equals(x.device()) ? b : b.to(x.device());
    return t.dtype() == x.dtype() ? t : t.to(x.dtype());
  }

  @Override
  public String toString() {
    return loT != null ? "DataRange(per feature " + Shapes.str(loT.shape()) + ")" : "DataRange[" + lo + ", " + hi + "]";
  }
}
