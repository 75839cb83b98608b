package io.jgrad.nn;

import io.jgrad.autograd.Autograd;
import io.jgrad.tensor.DType;
import io.jgrad.tensor.GradMode;
import io.jgrad.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Sparsemax, catalog id {@code sparsemax}: the Euclidean projection of z onto the probability
 * simplex along {@code dim}. Paper 12, "From Softmax to Sparsemax: A Sparse Model of Attention
 * and Multi-Label Classification" (Martins and Astudillo 2016); checked against the entmax
 * package's {@code sparsemax} and OpenNMT's {@code sparse_activations}.
 *
 * <p>Sort z descending, {@code k(z) = max{k : 1 + k z_(k) > sum_{j<=k} z_(j)}},
 * {@code tau = (sum_{j<=k(z)} z_(j) - 1) / k(z)}, {@code p = max(z - tau, 0)}. Rows sum to 1 and
 * entries below the threshold are exactly 0. {@code [-2, 0, 0.5] -> [0, 0.25, 0.75]}.
 *
 * <p>One autograd node ({@link Autograd#function}) whose backward is the paper's Jacobian
 * {@code diag(s) - s s^T / |S|} on the support {@code S = {p > 0}}:
 * {@code dz_i = s_i (g_i - mean_S g)}, written with tensor ops (its derivative in z is 0: the
 * map is piecewise linear, so the second derivative is 0). An entry exactly at tau counts as
 * outside the support (p = 0, no gradient), as entmax. Shape: any -> same; -inf entries are
 * allowed (p = 0).
 */
public class Sparsemax extends Module {
  private final int dim;

  /** Along the last dim. */
  public Sparsemax() { this(-1); }

  public Sparsemax(int dim) { this.dim = dim; }

  public int dim() { return dim; }

  @Override
  public Tensor forward(Tensor x) { return sparsemax(x, dim); }

  @Override
  protected String extraRepr() { return "dim=" + dim; }

  /** Sparsemax of {@code z} along {@code dim}. Shape: any -> same. */
  public static Tensor sparsemax(Tensor z, int dim) {
    check(z, dim);
    int d = dim < 0 ? dim + z.dim() : dim;
    return Autograd.function("sparsemax", List.of(z), (ctx, in) -> {
      Tensor x = in.get(0);
      Tensor s = support(x, d);
      ctx.save(s);
      return Tensor.where(s, x.sub(threshold(x, s, d)), 0.0);
    }, (ctx, g) -> {
      Tensor s = ctx.saved(0);
      Tensor gs = Tensor.where(s, g, 0.0);
      Tensor mean = gs.sum(new int[] {d}, true).div(s.to(g.dtype()).sum(new int[] {d}, true));
      return new Tensor[] {Tensor.where(s, gs.sub(mean), 0.0)};
    });
  }

  /**
   * The support {@code z > tau} (bool, same shape as z) along {@code dim}, computed without
   * gradient.
   */
  public static Tensor support(Tensor z, int dim) {
    check(z, dim);
    int d = dim < 0 ? dim + z.dim() : dim;
    int k = z.size(d);
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor zd = z.detach();
      Tensor sorted = zd.sort(d, true).values();
      Tensor cs = sorted.cumsum(d);
      int[] view = new int[z.dim()];
      Arrays.fill(view, 1);
      view[d] = k;
      Tensor ks = Tensor.arange(1, k + 1, 1, z.dtype()).to(z.device()).reshape(view);
      // the condition holds exactly for the first k(z) sorted entries
      Tensor kz = ks.mul(sorted).add(1).gt(cs).to(z.dtype()).sum(new int[] {d}, true);
      Tensor tau = cs.gather(d, kz.to(DType.INT64).sub(1)).sub(1).div(kz);
      return zd.gt(tau);
    }
  }

  /**
   * The differentiable threshold {@code tau = (sum_S z - 1) / |S|} for support {@code s} (bool),
   * kept along {@code dim}.
   */
  public static Tensor threshold(Tensor z, Tensor s, int dim) {
    int d = dim < 0 ? dim + z.dim() : dim;
    Tensor inS = Tensor.where(s, z, 0.0);
    return inS.sum(new int[] {d}, true).sub(1).div(s.to(z.dtype()).sum(new int[] {d}, true));
  }

  private static void check(Tensor z, int dim) {
    if (z == null) throw new IllegalArgumentException("sparsemax: input is null");
    if (!z.dtype().isFloatingPoint()) throw new IllegalArgumentException("sparsemax: input must be floating point, got " + z.dtype());
    if (z.dim() == 0) throw new IllegalArgumentException("sparsemax: input must have at least one dim, got a scalar");
    if (dim < -z.dim() || dim >= z.dim()) {
      throw new IllegalArgumentException("sparsemax: dim " + dim + " out of range for shape " + Arrays.toString(z.shape()));
    }
    if (z.size(dim < 0 ? dim + z.dim() : dim) == 0) {
      throw new IllegalArgumentException("sparsemax: dim " + dim + " of shape " + Arrays.toString(z.shape()) + " is empty");
    }
  }
}
