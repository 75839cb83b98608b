package io.jgrad.tensor;

/**
 * Pairwise p-norm distances between the rows of two (batched) point sets, {@code torch.cdist}
 * with its default {@code compute_mode}: for p = 2 and more than 25 rows on either side it uses
 * the matrix-product form {@code ||x||^2 + ||y||^2 - 2 x.y}, clamped at 0 before the square root
 * (fast, but it loses digits when two points nearly coincide, exactly as torch does); otherwise a
 * direct sum over the coordinate differences.
 */
final class Cdist {
  private Cdist() {}

  /** torch's threshold for the matrix-product form ({@code use_mm_for_euclid_dist_if_necessary}). */
  static final int MM_ROWS = 25;

  /**
   * {@code out[..., i, j] = (sum_k |x1[..., i, k] - x2[..., j, k]|^p)^(1/p)}; p = 0 counts the
   * nonzero differences, p = inf takes their largest magnitude. Shape: [..., P, M] x [..., R, M]
   * -> [broadcast(...), P, R]. Floating dtypes only; both operands share one dtype.
   *
   * @see <a href="https://pytorch.org/docs/1.13/generated/torch.cdist.html">torch.cdist</a>
   */
  static Tensor cdist(Tensor x1, Tensor x2, double p) {
    check(x1, x2, p);
    int m = x1.size(-1), rows1 = x1.size(-2), rows2 = x2.size(-2);
    int[] batch = Shapes.broadcast("cdist", head(x1.shape()), head(x2.shape()));
    int[] outShape = concat(batch, rows1, rows2);
    try (TensorScope scope = TensorScope.open()) {
      Tensor a = x1.expand(concat(batch, rows1, m)), b = x2.expand(concat(batch, rows2, m));
      Tensor r;
      if (m == 0 || Shapes.numel(outShape) == 0) r = Tensor.full(outShape, 0, x1.dtype(), x1.device());
      else if (p == 2 && (rows1 > MM_ROWS || rows2 > MM_ROWS)) r = euclidByMatmul(a, b);
      else r = direct(a, b, p);
      return scope.keep(r);
    }
  }

  /** sqrt(max(0, ||a_i||^2 + ||b_j||^2 - 2 a_i.b_j)). */
  private static Tensor euclidByMatmul(Tensor a, Tensor b) {
    Tensor na = a.mul(a).sum(new int[] {-1}, true);
    Tensor nb = b.mul(b).sum(new int[] {-1}, true).transpose(-2, -1);
    Tensor cross = a.matmul(b.transpose(-2, -1)).mul(-2);
    return cross.add(na).add(nb).clampMin(0).sqrt();
  }

  /** The sum over coordinates of |a_i - b_j| raised to p, on a [..., P, R, M] difference tensor. */
  private static Tensor direct(Tensor a, Tensor b, double p) {
    Tensor diff = a.unsqueeze(-2).sub(b.unsqueeze(-3)).abs();
    int[] last = {-1};
    if (p == 0) return diff.ne(0).sum(last, false).to(a.dtype());
    if (p == 1) return diff.sum(last, false);
    if (p == 2) return diff.mul(diff).sum(last, false).sqrt();
    if (Double.isInfinite(p)) return diff.max(last, false);
    return diff.pow(p).sum(last, false).pow(1 / p);
  }

  private static void check(Tensor x1, Tensor x2, double p) {
    LinearAlgebra.checkDevice("cdist", x1, x2);
    if (!x1.dtype().isFloatingPoint() || !x2.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException("cdist: only floating-point dtypes are supported, got " + x1.dtype()
          + " and " + x2.dtype());
    }
    if (x1.dtype() != x2.dtype()) {
      throw new IllegalArgumentException("cdist: expected both operands to have the same dtype, got " + x1.dtype()
          + " and " + x2.dtype());
    }
    if (x1.dim() < 2 || x2.dim() < 2) {
      throw new IllegalArgumentException("cdist: expected at least 2-D tensors, got shapes " + Shapes.str(x1.shape())
          + " and " + Shapes.str(x2.shape()));
    }
    if (x1.size(-1) != x2.size(-1)) {
      throw new IllegalArgumentException("cdist: x1 and x2 must have the same number of columns, got shapes "
          + Shapes.str(x1.shape()) + " and " + Shapes.str(x2.shape()));
    }
    if (!(p >= 0)) throw new IllegalArgumentException("cdist: p must be non-negative, got " + p);
  }

  private static int[] head(int[] s) { return java.util.Arrays.copyOf(s, s.length - 2); }

  private static int[] concat(int[] batch, int r, int c) {
    int[] s = java.util.Arrays.copyOf(batch, batch.length + 2);
    s[batch.length] = r;
    s[batch.length + 1] = c;
    return s;
  }
}
