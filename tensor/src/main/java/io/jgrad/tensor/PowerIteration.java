package io.jgrad.tensor;

/**
 * Spectral-norm estimate by power iteration that keeps its vectors between calls, as
 * {@code torch.nn.utils.spectral_norm} does: each {@link #sigma} call runs {@code iterations}
 * steps v = normalize(W^T u), u = normalize(W v) without gradient, then returns
 * sigma = u^T W v, differentiable with respect to W (u and v are constants, as in torch).
 * normalize(x) = x / max(|x|, eps). W of rank > 2 is viewed as [W.size(0), rest] (torch's dim=0).
 * Shape: W [m, ...] -> scalar. Not thread-safe: one instance per weight.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.spectral_norm.html">spectral_norm</a>
 */
public final class PowerIteration {
  private final int iterations;
  private final double eps;
  private Tensor u, v;

  /** Random unit starting vectors from {@code g} (u ~ N(0, 1) [m], v ~ N(0, 1) [n], normalized). */
  public PowerIteration(int rows, int cols, DType dtype, Generator g, int iterations, double eps) {
    if (rows < 1 || cols < 1 || iterations < 0 || !dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("PowerIteration: need rows, cols >= 1, iterations >= 0 and a floating dtype, got rows="
          + rows + " cols=" + cols + " iterations=" + iterations + " dtype=" + dtype.name().toLowerCase());
    }
    this.iterations = iterations;
    this.eps = eps;
    try (GradMode.Scope off = GradMode.disabled()) {
      this.u = normalize(Tensor.randn(g, dtype, rows));
      this.v = normalize(Tensor.randn(g, dtype, cols));
    }
  }

  /** torch's defaults: one iteration per call, eps = 1e-12. */
  public PowerIteration(int rows, int cols, DType dtype, Generator g) { this(rows, cols, dtype, g, 1, 1e-12); }

  /** Runs the iterations on W (updating u, v) and returns u^T W v. */
  public Tensor sigma(Tensor weight) {
    Tensor w = weight.dim() == 2 ? weight : weight.reshape(weight.size(0), -1);
    if (w.dim() != 2 || w.size(0) != u.numel() || w.size(1) != v.numel()) {
      throw new IllegalArgumentException("PowerIteration: weight " + Shapes.str(weight.shape()) + " does not match the vectors u ["
          + u.numel() + "] and v [" + v.numel() + "]");
    }
    try (GradMode.Scope off = GradMode.disabled()) {
      Tensor wd = w.detach().to(u.device());
      for (int i = 0; i < iterations; i++) {
        v = normalize(wd.t().matmul(u));
        u = normalize(wd.matmul(v));
      }
    }
    return u.matmul(w.matmul(v));
  }

  /** The current left vector (a copy, not tracked by autograd). */
  public Tensor u() { return u.copy(); }

  /** The current right vector (a copy, not tracked by autograd). */
  public Tensor v() { return v.copy(); }

  private Tensor normalize(Tensor x) { return x.div(Math.max(x.norm().item(), eps)); }
}
